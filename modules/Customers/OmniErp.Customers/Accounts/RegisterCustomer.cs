using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OmniErp.Customers.Profiles;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Messaging;
using OmniErp.Kernel.Outbox;

namespace OmniErp.Customers.Accounts;

/// <summary>
/// Storefront sign-up. A customer the stores already know by phone (a POS sale) gets their existing profile, points
/// and history; a profile that already has a password is refused (sign in instead). Production would confirm the
/// phone by OTP before this; the demo trusts it.
/// </summary>
internal sealed record RegisterCustomer(string Name, string? Phone, string? Email, string Password, string Channel, bool MarketingConsent = false)
    : ICommand<CustomerTokens>;

internal sealed class RegisterCustomerValidator : AbstractValidator<RegisterCustomer>
{
    public RegisterCustomerValidator(IOptions<CustomersOptions> options)
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200);
        RuleFor(r => r).Must(r => !string.IsNullOrWhiteSpace(r.Phone) || !string.IsNullOrWhiteSpace(r.Email))
            .WithName("Phone").WithMessage("A phone number or an email is required.");
        RuleFor(r => r.Phone).Must(p => PhoneNumber.Normalize(p) is not null).When(r => !string.IsNullOrWhiteSpace(r.Phone))
            .WithMessage("Not a Vietnamese phone number.");
        RuleFor(r => r.Email).Must(e => EmailAddress.Normalize(e) is not null).When(r => !string.IsNullOrWhiteSpace(r.Email))
            .WithMessage("Not an email address.");
        RuleFor(r => r.Password).NotEmpty().MinimumLength(options.Value.Identity.MinPasswordLength).MaximumLength(200);
        RuleFor(r => r.Channel).NotEmpty();
    }
}

internal sealed class RegisterCustomerHandler(DbSession session, IOutbox outbox, IOptions<CustomersOptions> options, TimeProvider clock, IPasswordHasher<Customer> hasher)
    : IRequestHandler<RegisterCustomer, CustomerTokens>
{
    public async Task<CustomerTokens> Handle(RegisterCustomer request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var phone = PhoneNumber.Normalize(request.Phone);
        var email = EmailAddress.Normalize(request.Email);
        var found = await CustomerIdentity.FindOrCreateAsync(session, outbox, now, phone, email, request.Name, request.Channel, cancellationToken);

        var hash = hasher.HashPassword(new Customer(), request.Password);
        var claimed = await session.ExecuteAsync(
            "UPDATE customers.customers SET password_hash = @hash, name = CASE WHEN @created THEN name ELSE @name END, updated_at = @now WHERE id = @Id AND password_hash IS NULL",
            new { hash, created = found.Created, name = request.Name.Trim(), now, found.Id }, cancellationToken);
        if (claimed == 0)
            throw AppException.Conflict("ALREADY_REGISTERED", "An account with this phone or email exists; sign in instead.");

        await session.ExecuteAsync(
            "INSERT INTO customers.consents (customer_id, channel, granted, source, recorded_by, recorded_at) VALUES (@Id, @Channel, @granted, @source, 'customer', @now)",
            new { found.Id, request.Channel, granted = request.MarketingConsent, source = request.Channel + ":sign-up", now }, cancellationToken);
        return await TokenStore.IssueAsync(session, found.Id, options.Value.Identity, now, cancellationToken);
    }
}
