using FluentValidation;
using MediatR;
using OmniErp.Customers.Contracts;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Outbox;

namespace OmniErp.Customers.Profiles;

internal sealed class FindOrCreateCustomerValidator : AbstractValidator<FindOrCreateCustomer>
{
    public FindOrCreateCustomerValidator()
    {
        RuleFor(r => r).Must(r => !string.IsNullOrWhiteSpace(r.Phone) || !string.IsNullOrWhiteSpace(r.Email))
            .WithName("Phone").WithMessage("A phone number or an email is required.");
        RuleFor(r => r.Phone).Must(p => PhoneNumber.Normalize(p) is not null).When(r => !string.IsNullOrWhiteSpace(r.Phone))
            .WithMessage("Not a Vietnamese phone number.");
        RuleFor(r => r.Email).Must(e => EmailAddress.Normalize(e) is not null).When(r => !string.IsNullOrWhiteSpace(r.Email))
            .WithMessage("Not an email address.");
        RuleFor(r => r.Channel).NotEmpty();
        RuleFor(r => r.Name).MaximumLength(200);
    }
}

internal sealed class FindOrCreateCustomerHandler(DbSession session, IOutbox outbox, TimeProvider clock)
    : IRequestHandler<FindOrCreateCustomer, CustomerSummary>
{
    public async Task<CustomerSummary> Handle(FindOrCreateCustomer request, CancellationToken cancellationToken)
    {
        var found = await CustomerIdentity.FindOrCreateAsync(session, outbox, clock.GetUtcNow(),
            PhoneNumber.Normalize(request.Phone), EmailAddress.Normalize(request.Email), request.Name, request.Channel, cancellationToken);
        return (await CustomerDirectory.SummaryAsync(session, found.Id, cancellationToken))!;
    }
}

/// <summary>Identity resolution shared by POS/marketplace orders (FindOrCreateCustomer) and storefront sign-up.</summary>
internal static class CustomerIdentity
{
    public sealed record Found(long Id, bool Created, bool HasPassword);

    /// <summary>
    /// Atomic under concurrency: the insert is <c>ON CONFLICT DO NOTHING</c> against the unique phone and email, so
    /// of two simultaneous creates for one phone exactly one inserts and the other finds it.
    /// </summary>
    public static async Task<Found> FindOrCreateAsync(DbSession session, IOutbox outbox, DateTimeOffset now,
        string? phone, string? email, string? name, string channel, CancellationToken ct)
    {
        var match = await CustomerDirectory.ResolveAsync(session, phone, email, ct);
        if (match is not null)
        {
            await CompleteContactAsync(session, match, phone, email, now, ct);
            await CustomerDirectory.TouchChannelAsync(session, match.Id, channel, now, ct);
            return new Found(match.Id, false, match.HasPassword);
        }

        var displayName = string.IsNullOrWhiteSpace(name) ? (phone is not null ? PhoneNumber.Display(phone) : email!) : name.Trim();
        var id = await session.ExecuteScalarAsync<long?>(
            """
            INSERT INTO customers.customers (name, phone, email, group_code, tier, first_channel, points_balance, failed_sign_ins, created_at, updated_at)
            VALUES (@displayName, @phone, @email, 'retail', 'Member', @channel, 0, 0, @now, @now)
            ON CONFLICT DO NOTHING
            RETURNING id
            """,
            new { displayName, phone, email, channel, now }, ct);
        if (id is null)
        {
            // Someone else created this person between our look-up and our insert: theirs is the one.
            match = await CustomerDirectory.ResolveAsync(session, phone, email, ct)
                ?? throw new InvalidOperationException("A customer insert conflicted but no matching customer is visible.");
            await CustomerDirectory.TouchChannelAsync(session, match.Id, channel, now, ct);
            return new Found(match.Id, false, match.HasPassword);
        }

        await CustomerDirectory.TouchChannelAsync(session, id.Value, channel, now, ct);
        outbox.Add(new CustomerRegistered(id.Value, channel));
        return new Found(id.Value, true, false);
    }

    // A POS customer known by phone who later gives an email (or the other way round) gets it on their profile,
    // unless another customer already has it (that is a duplicate for a merge, not something to overwrite).
    private static async Task CompleteContactAsync(DbSession session, CustomerDirectory.Match match, string? phone, string? email, DateTimeOffset now, CancellationToken ct)
    {
        if (phone is not null && match.Phone is null)
            await session.ExecuteAsync(
                """
                UPDATE customers.customers SET phone = @phone, updated_at = @now
                WHERE id = @Id AND phone IS NULL AND NOT EXISTS (SELECT 1 FROM customers.customers other WHERE other.phone = @phone)
                """, new { match.Id, phone, now }, ct);
        if (email is not null && match.Email is null)
            await session.ExecuteAsync(
                """
                UPDATE customers.customers SET email = @email, updated_at = @now
                WHERE id = @Id AND email IS NULL AND NOT EXISTS (SELECT 1 FROM customers.customers other WHERE other.email = @email)
                """, new { match.Id, email, now }, ct);
    }
}
