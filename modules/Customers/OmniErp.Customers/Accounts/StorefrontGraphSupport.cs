using MediatR;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.GraphQL;
using OmniErp.Kernel.Errors;

namespace OmniErp.Customers.Accounts;

/// <summary>The signed-in customer, as the parent of every <c>Me</c> field: resolvers never take a customer id from the client.</summary>
internal sealed record MeValue(long CustomerId);

internal static class Graph
{
    /// <summary>Sends a request; a refusal the customer can act on becomes a GraphQL error with its code.</summary>
    public static async Task<T> SendAsync<T>(ResolverContext ctx, IRequest<T> request)
    {
        try
        {
            return await ctx.Services.GetRequiredService<IMediator>().Send(request, ctx.CancellationToken);
        }
        catch (AppException ex)
        {
            throw new GraphQLException(string.Join(" ", ex.Errors.Select(e => e.Field is null ? e.Message : $"{e.Field}: {e.Message}")),
                ex.Kind == ErrorKind.Validation ? "BAD_USER_INPUT" : ex.Errors[0].Code);
        }
    }
}
