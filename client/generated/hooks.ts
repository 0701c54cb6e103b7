import * as Operations from './graphql.js';
import * as Apollo from '@apollo/client';
const defaultOptions = {} as const;

export type CreateOrganizationMutationFn = Apollo.MutationFunction<
  Operations.CreateOrganizationMutation,
  Operations.CreateOrganizationMutationVariables
>;

/**
 * __useCreateOrganizationMutation__
 *
 * To run a mutation, you first call `useCreateOrganizationMutation` within a React component and pass it any options that fit your needs.
 * When your component renders, `useCreateOrganizationMutation` returns a tuple that includes:
 * - A mutate function that you can call at any time to execute the mutation
 * - An object with fields that represent the current status of the mutation's execution
 *
 * @param baseOptions options that will be passed into the mutation, supported options are listed on: https://www.apollographql.com/docs/react/api/react-hooks/#options-2;
 *
 * @example
 * const [createOrganizationMutation, { data, loading, error }] = useCreateOrganizationMutation({
 *   variables: {
 *      input: // value for 'input'
 *   },
 * });
 */
export function useCreateOrganizationMutation(
  baseOptions?: Apollo.MutationHookOptions<
    Operations.CreateOrganizationMutation,
    Operations.CreateOrganizationMutationVariables
  >,
) {
  const options = { ...defaultOptions, ...baseOptions };
  return Apollo.useMutation<
    Operations.CreateOrganizationMutation,
    Operations.CreateOrganizationMutationVariables
  >(Operations.CreateOrganization, options);
}
export type CreateOrganizationMutationHookResult = ReturnType<typeof useCreateOrganizationMutation>;
export type CreateOrganizationMutationResult =
  Apollo.MutationResult<Operations.CreateOrganizationMutation>;
export type CreateOrganizationMutationOptions = Apollo.BaseMutationOptions<
  Operations.CreateOrganizationMutation,
  Operations.CreateOrganizationMutationVariables
>;
export type CreateSolutionMutationFn = Apollo.MutationFunction<
  Operations.CreateSolutionMutation,
  Operations.CreateSolutionMutationVariables
>;

/**
 * __useCreateSolutionMutation__
 *
 * To run a mutation, you first call `useCreateSolutionMutation` within a React component and pass it any options that fit your needs.
 * When your component renders, `useCreateSolutionMutation` returns a tuple that includes:
 * - A mutate function that you can call at any time to execute the mutation
 * - An object with fields that represent the current status of the mutation's execution
 *
 * @param baseOptions options that will be passed into the mutation, supported options are listed on: https://www.apollographql.com/docs/react/api/react-hooks/#options-2;
 *
 * @example
 * const [createSolutionMutation, { data, loading, error }] = useCreateSolutionMutation({
 *   variables: {
 *      input: // value for 'input'
 *   },
 * });
 */
export function useCreateSolutionMutation(
  baseOptions?: Apollo.MutationHookOptions<
    Operations.CreateSolutionMutation,
    Operations.CreateSolutionMutationVariables
  >,
) {
  const options = { ...defaultOptions, ...baseOptions };
  return Apollo.useMutation<
    Operations.CreateSolutionMutation,
    Operations.CreateSolutionMutationVariables
  >(Operations.CreateSolution, options);
}
export type CreateSolutionMutationHookResult = ReturnType<typeof useCreateSolutionMutation>;
export type CreateSolutionMutationResult = Apollo.MutationResult<Operations.CreateSolutionMutation>;
export type CreateSolutionMutationOptions = Apollo.BaseMutationOptions<
  Operations.CreateSolutionMutation,
  Operations.CreateSolutionMutationVariables
>;

/**
 * __useMeQuery__
 *
 * To run a query within a React component, call `useMeQuery` and pass it any options that fit your needs.
 * When your component renders, `useMeQuery` returns an object from Apollo Client that contains loading, error, and data properties
 * you can use to render your UI.
 *
 * @param baseOptions options that will be passed into the query, supported options are listed on: https://www.apollographql.com/docs/react/api/react-hooks/#options;
 *
 * @example
 * const { data, loading, error } = useMeQuery({
 *   variables: {
 *   },
 * });
 */
export function useMeQuery(
  baseOptions?: Apollo.QueryHookOptions<Operations.MeQuery, Operations.MeQueryVariables>,
) {
  const options = { ...defaultOptions, ...baseOptions };
  return Apollo.useQuery<Operations.MeQuery, Operations.MeQueryVariables>(Operations.Me, options);
}
export function useMeLazyQuery(
  baseOptions?: Apollo.LazyQueryHookOptions<Operations.MeQuery, Operations.MeQueryVariables>,
) {
  const options = { ...defaultOptions, ...baseOptions };
  return Apollo.useLazyQuery<Operations.MeQuery, Operations.MeQueryVariables>(
    Operations.Me,
    options,
  );
}
// @ts-ignore
export function useMeSuspenseQuery(
  baseOptions?: Apollo.SuspenseQueryHookOptions<Operations.MeQuery, Operations.MeQueryVariables>,
): Apollo.UseSuspenseQueryResult<Operations.MeQuery, Operations.MeQueryVariables>;
export function useMeSuspenseQuery(
  baseOptions?:
    | Apollo.SkipToken
    | Apollo.SuspenseQueryHookOptions<Operations.MeQuery, Operations.MeQueryVariables>,
): Apollo.UseSuspenseQueryResult<Operations.MeQuery | undefined, Operations.MeQueryVariables>;
export function useMeSuspenseQuery(
  baseOptions?:
    | Apollo.SkipToken
    | Apollo.SuspenseQueryHookOptions<Operations.MeQuery, Operations.MeQueryVariables>,
) {
  const options =
    baseOptions === Apollo.skipToken ? baseOptions : { ...defaultOptions, ...baseOptions };
  return Apollo.useSuspenseQuery<Operations.MeQuery, Operations.MeQueryVariables>(
    Operations.Me,
    options,
  );
}
export type MeQueryHookResult = ReturnType<typeof useMeQuery>;
export type MeLazyQueryHookResult = ReturnType<typeof useMeLazyQuery>;
export type MeSuspenseQueryHookResult = ReturnType<typeof useMeSuspenseQuery>;
export type MeQueryResult = Apollo.QueryResult<Operations.MeQuery, Operations.MeQueryVariables>;

/**
 * __useMySolutionsQuery__
 *
 * To run a query within a React component, call `useMySolutionsQuery` and pass it any options that fit your needs.
 * When your component renders, `useMySolutionsQuery` returns an object from Apollo Client that contains loading, error, and data properties
 * you can use to render your UI.
 *
 * @param baseOptions options that will be passed into the query, supported options are listed on: https://www.apollographql.com/docs/react/api/react-hooks/#options;
 *
 * @example
 * const { data, loading, error } = useMySolutionsQuery({
 *   variables: {
 *   },
 * });
 */
export function useMySolutionsQuery(
  baseOptions?: Apollo.QueryHookOptions<
    Operations.MySolutionsQuery,
    Operations.MySolutionsQueryVariables
  >,
) {
  const options = { ...defaultOptions, ...baseOptions };
  return Apollo.useQuery<Operations.MySolutionsQuery, Operations.MySolutionsQueryVariables>(
    Operations.MySolutions,
    options,
  );
}
export function useMySolutionsLazyQuery(
  baseOptions?: Apollo.LazyQueryHookOptions<
    Operations.MySolutionsQuery,
    Operations.MySolutionsQueryVariables
  >,
) {
  const options = { ...defaultOptions, ...baseOptions };
  return Apollo.useLazyQuery<Operations.MySolutionsQuery, Operations.MySolutionsQueryVariables>(
    Operations.MySolutions,
    options,
  );
}
// @ts-ignore
export function useMySolutionsSuspenseQuery(
  baseOptions?: Apollo.SuspenseQueryHookOptions<
    Operations.MySolutionsQuery,
    Operations.MySolutionsQueryVariables
  >,
): Apollo.UseSuspenseQueryResult<Operations.MySolutionsQuery, Operations.MySolutionsQueryVariables>;
export function useMySolutionsSuspenseQuery(
  baseOptions?:
    | Apollo.SkipToken
    | Apollo.SuspenseQueryHookOptions<
        Operations.MySolutionsQuery,
        Operations.MySolutionsQueryVariables
      >,
): Apollo.UseSuspenseQueryResult<
  Operations.MySolutionsQuery | undefined,
  Operations.MySolutionsQueryVariables
>;
export function useMySolutionsSuspenseQuery(
  baseOptions?:
    | Apollo.SkipToken
    | Apollo.SuspenseQueryHookOptions<
        Operations.MySolutionsQuery,
        Operations.MySolutionsQueryVariables
      >,
) {
  const options =
    baseOptions === Apollo.skipToken ? baseOptions : { ...defaultOptions, ...baseOptions };
  return Apollo.useSuspenseQuery<Operations.MySolutionsQuery, Operations.MySolutionsQueryVariables>(
    Operations.MySolutions,
    options,
  );
}
export type MySolutionsQueryHookResult = ReturnType<typeof useMySolutionsQuery>;
export type MySolutionsLazyQueryHookResult = ReturnType<typeof useMySolutionsLazyQuery>;
export type MySolutionsSuspenseQueryHookResult = ReturnType<typeof useMySolutionsSuspenseQuery>;
export type MySolutionsQueryResult = Apollo.QueryResult<
  Operations.MySolutionsQuery,
  Operations.MySolutionsQueryVariables
>;

/**
 * __useOrganizationQuery__
 *
 * To run a query within a React component, call `useOrganizationQuery` and pass it any options that fit your needs.
 * When your component renders, `useOrganizationQuery` returns an object from Apollo Client that contains loading, error, and data properties
 * you can use to render your UI.
 *
 * @param baseOptions options that will be passed into the query, supported options are listed on: https://www.apollographql.com/docs/react/api/react-hooks/#options;
 *
 * @example
 * const { data, loading, error } = useOrganizationQuery({
 *   variables: {
 *      id: // value for 'id'
 *      first: // value for 'first'
 *      after: // value for 'after'
 *   },
 * });
 */
export function useOrganizationQuery(
  baseOptions: Apollo.QueryHookOptions<
    Operations.OrganizationQuery,
    Operations.OrganizationQueryVariables
  > &
    ({ variables: Operations.OrganizationQueryVariables; skip?: boolean } | { skip: boolean }),
) {
  const options = { ...defaultOptions, ...baseOptions };
  return Apollo.useQuery<Operations.OrganizationQuery, Operations.OrganizationQueryVariables>(
    Operations.Organization,
    options,
  );
}
export function useOrganizationLazyQuery(
  baseOptions?: Apollo.LazyQueryHookOptions<
    Operations.OrganizationQuery,
    Operations.OrganizationQueryVariables
  >,
) {
  const options = { ...defaultOptions, ...baseOptions };
  return Apollo.useLazyQuery<Operations.OrganizationQuery, Operations.OrganizationQueryVariables>(
    Operations.Organization,
    options,
  );
}
// @ts-ignore
export function useOrganizationSuspenseQuery(
  baseOptions?: Apollo.SuspenseQueryHookOptions<
    Operations.OrganizationQuery,
    Operations.OrganizationQueryVariables
  >,
): Apollo.UseSuspenseQueryResult<
  Operations.OrganizationQuery,
  Operations.OrganizationQueryVariables
>;
export function useOrganizationSuspenseQuery(
  baseOptions?:
    | Apollo.SkipToken
    | Apollo.SuspenseQueryHookOptions<
        Operations.OrganizationQuery,
        Operations.OrganizationQueryVariables
      >,
): Apollo.UseSuspenseQueryResult<
  Operations.OrganizationQuery | undefined,
  Operations.OrganizationQueryVariables
>;
export function useOrganizationSuspenseQuery(
  baseOptions?:
    | Apollo.SkipToken
    | Apollo.SuspenseQueryHookOptions<
        Operations.OrganizationQuery,
        Operations.OrganizationQueryVariables
      >,
) {
  const options =
    baseOptions === Apollo.skipToken ? baseOptions : { ...defaultOptions, ...baseOptions };
  return Apollo.useSuspenseQuery<
    Operations.OrganizationQuery,
    Operations.OrganizationQueryVariables
  >(Operations.Organization, options);
}
export type OrganizationQueryHookResult = ReturnType<typeof useOrganizationQuery>;
export type OrganizationLazyQueryHookResult = ReturnType<typeof useOrganizationLazyQuery>;
export type OrganizationSuspenseQueryHookResult = ReturnType<typeof useOrganizationSuspenseQuery>;
export type OrganizationQueryResult = Apollo.QueryResult<
  Operations.OrganizationQuery,
  Operations.OrganizationQueryVariables
>;
