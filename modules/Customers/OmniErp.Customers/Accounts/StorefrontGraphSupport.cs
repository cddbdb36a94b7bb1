using MediatR;
using OmniErp.GraphQL;
using OmniErp.Kernel.Storefront;

namespace OmniErp.Customers.Accounts;

/// <summary>The signed-in customer, as the parent of every <c>Me</c> field: resolvers never take a customer id from the client.</summary>
internal sealed record MeValue(long CustomerId);

internal static class Graph
{
    private const string GateItem = "omnierp.customers.db-gate";

    /// <summary>
    /// Sends a request (a refusal becomes a GraphQL error through the host's one AppException mapping). Sibling fields
    /// (<c>me { points cart wishlist }</c>) resolve concurrently but share the request's one connection, which
    /// PostgreSQL cannot run two commands on at once, so they take turns.
    /// </summary>
    public static async Task<T> SendAsync<T>(ResolverContext ctx, IRequest<T> request)
    {
        SemaphoreSlim gate;
        lock (ctx.Items)
        {
            if (!ctx.Items.TryGetValue(GateItem, out var existing) || existing is not SemaphoreSlim found)
                ctx.Items[GateItem] = found = new SemaphoreSlim(1, 1);
            gate = found;
        }
        await gate.WaitAsync(ctx.CancellationToken);
        try
        {
            return await ctx.SendAsync(request);
        }
        finally
        {
            gate.Release();
        }
    }
}
