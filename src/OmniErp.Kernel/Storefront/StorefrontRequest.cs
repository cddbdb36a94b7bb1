using System.Security.Claims;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.GraphQL;
using OmniErp.Kernel.Channels;

namespace OmniErp.Kernel.Storefront;

/// <summary>
/// Who is asking, for a storefront (GraphQL) request: the channel comes from the credential (header
/// <c>X-Channel-Key</c>; none means the public web channel), the customer from a bearer token. Never from arguments.
/// </summary>
public static class StorefrontRequest
{
    public const string ChannelItem = "omnierp.channel";
    public const string CustomerItem = "omnierp.customer";
    public const string StaffItem = "omnierp.staff";

    /// <summary>The caller's channel (set by the host before execution).</summary>
    public static Channel Channel(this ResolverContext ctx) =>
        ctx.Items.TryGetValue(ChannelItem, out var c) && c is Channel channel
            ? channel
            : throw new GraphQLException("No sales channel for this request.", "CHANNEL_REQUIRED");

    /// <summary>The signed-in customer's id, or null for an anonymous caller.</summary>
    public static long? CustomerId(this ResolverContext ctx) =>
        ctx.Items.TryGetValue(CustomerItem, out var c) && c is long id ? id : null;

    /// <summary>Sends a module request from a resolver with the GraphQL request's services and cancellation.</summary>
    public static Task<T> SendAsync<T>(this ResolverContext ctx, IRequest<T> request) =>
        ctx.Services.GetRequiredService<IMediator>().Send(request, ctx.CancellationToken);

    /// <summary>The signed-in customer's id; an UNAUTHENTICATED error when nobody is signed in.</summary>
    public static long RequireCustomer(this ResolverContext ctx) =>
        ctx.CustomerId() ?? throw new GraphQLException("Sign in first: send 'Authorization: Bearer <token>'.", "UNAUTHENTICATED");
}

public static class StaffRequest
{
    /// <summary>
    /// The signed-in back-office user (the staff Identity cookie) when in one of <paramref name="roles"/> (comma-separated
    /// <c>Roles</c> constants): UNAUTHENTICATED without a staff sign-in, FORBIDDEN without the role. Staff mutations rely
    /// on the endpoint refusing GET and form posts (no cross-site request can carry the cookie to them).
    /// </summary>
    public static ClaimsPrincipal RequireStaff(this ResolverContext ctx, string roles)
    {
        if (!ctx.Items.TryGetValue(StorefrontRequest.StaffItem, out var item) || item is not ClaimsPrincipal { Identity.IsAuthenticated: true } user)
            throw new GraphQLException("Sign in to the back office first: this field is for staff.", "UNAUTHENTICATED");
        if (!roles.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Any(user.IsInRole))
            throw new GraphQLException($"This field needs one of the roles {roles}.", "FORBIDDEN");
        return user;
    }
}

/// <summary>Turns a storefront bearer token into a customer id (implemented by the Customers module).</summary>
public interface ICustomerAuthenticator
{
    /// <returns>The customer's id, or null when the token is unknown, expired or revoked.</returns>
    Task<long?> AuthenticateAsync(string bearerToken, CancellationToken ct);
}
