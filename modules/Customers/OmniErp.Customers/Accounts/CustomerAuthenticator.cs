using MediatR;
using OmniErp.Customers.Contracts;
using OmniErp.Kernel.Storefront;

namespace OmniErp.Customers.Accounts;

/// <summary>The host's hook for <c>Authorization: Bearer …</c> on the storefront gateway.</summary>
internal sealed class CustomerAuthenticator(IMediator mediator) : ICustomerAuthenticator
{
    public Task<long?> AuthenticateAsync(string bearerToken, CancellationToken ct) => mediator.Send(new AuthenticateCustomer(bearerToken), ct);
}
