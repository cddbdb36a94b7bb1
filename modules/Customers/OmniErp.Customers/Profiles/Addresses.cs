using FluentValidation;
using MediatR;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Messaging;

namespace OmniErp.Customers.Profiles;

/// <summary>A delivery address as the back office and the storefront show it.</summary>
internal sealed record AddressView(long Id, string? Label, string Recipient, string? Phone, string Line1, string? Ward, string? District, string Province, bool IsDefault)
{
    public string Line => string.Join(", ", new[] { Line1, Ward, District, Province }.Where(s => !string.IsNullOrWhiteSpace(s)));
}

/// <summary>The fields a customer or a clerk types for an address.</summary>
internal interface IAddressFields
{
    string? Label { get; }
    string? Recipient { get; }
    string? Phone { get; }
    string? Line1 { get; }
    string? Ward { get; }
    string? District { get; }
    string? Province { get; }
}

/// <summary>Adds a delivery address; the first one, or one marked default, becomes the default.</summary>
internal sealed record AddAddress(long CustomerId, string? Label, string? Recipient, string? Phone, string? Line1, string? Ward, string? District, string? Province, bool MakeDefault = false)
    : ICommand<long>, IAddressFields;

/// <summary>Changes one of the customer's addresses (an address of another customer is not found).</summary>
internal sealed record UpdateAddress(long CustomerId, long AddressId, string? Label, string? Recipient, string? Phone, string? Line1, string? Ward, string? District, string? Province, bool MakeDefault = false)
    : ICommand<bool>, IAddressFields;

/// <summary>Removes one of the customer's addresses; when it was the default, the oldest remaining one becomes the default.</summary>
internal sealed record RemoveAddress(long CustomerId, long AddressId) : ICommand<bool>;

internal sealed record SetDefaultAddress(long CustomerId, long AddressId) : ICommand<bool>;

/// <summary>The customer's addresses, default first.</summary>
internal sealed record GetAddresses(long CustomerId) : IQuery<IReadOnlyList<AddressView>>;

internal sealed class AddressRules<T> : AbstractValidator<T> where T : IAddressFields
{
    public AddressRules()
    {
        RuleFor(r => r.Label).MaximumLength(50);
        RuleFor(r => r.Recipient).NotEmpty().WithMessage("Who receives the parcel?").MaximumLength(200);
        RuleFor(r => r.Line1).NotEmpty().WithMessage("House number and street are required.").MaximumLength(300);
        RuleFor(r => r.Ward).MaximumLength(100);
        RuleFor(r => r.District).MaximumLength(100);
        RuleFor(r => r.Province).NotEmpty().WithMessage("Province or city is required.").MaximumLength(100);
        RuleFor(r => r.Phone).Must(p => PhoneNumber.Normalize(p) is not null).When(r => !string.IsNullOrWhiteSpace(r.Phone))
            .WithMessage("Not a Vietnamese phone number.");
    }
}

internal sealed class AddAddressValidator : AbstractValidator<AddAddress>
{
    public AddAddressValidator() => Include(new AddressRules<AddAddress>());
}

internal sealed class UpdateAddressValidator : AbstractValidator<UpdateAddress>
{
    public UpdateAddressValidator() => Include(new AddressRules<UpdateAddress>());
}

internal static class AddressRows
{
    public const int MaxPerCustomer = 20;

    public static Cleaned Values(IAddressFields a) =>
        new(Clean(a.Label), a.Recipient!.Trim(), PhoneNumber.Normalize(a.Phone), a.Line1!.Trim(), Clean(a.Ward), Clean(a.District), a.Province!.Trim());

    public sealed record Cleaned(string? Label, string Recipient, string? Phone, string Line1, string? Ward, string? District, string Province);

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    public static async Task<long> LiveCustomerAsync(DbSession session, long customerId, CancellationToken ct)
    {
        // Lock the customer row: address edits of one customer take turns, so "one default" holds without retries.
        var id = await CustomerDirectory.LiveIdAsync(session, customerId, ct)
            ?? throw AppException.NotFound("Customer", customerId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await session.ExecuteScalarAsync<long?>("SELECT id FROM customers.customers WHERE id = @id" + CustomerDirectory.ForUpdate(session), new { id }, ct);
        return id;
    }

    /// <summary>The address must belong to the customer; otherwise it is "not found" (no hint that it exists for someone else).</summary>
    public static async Task<bool> IsDefaultOwnedAsync(DbSession session, long customerId, long addressId, CancellationToken ct) =>
        await session.ExecuteScalarAsync<bool?>("SELECT is_default FROM customers.addresses WHERE id = @addressId AND customer_id = @customerId",
            new { customerId, addressId }, ct)
        ?? throw AppException.NotFound("Address", addressId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static Task ClearDefaultAsync(DbSession session, long customerId, CancellationToken ct) =>
        session.ExecuteAsync("UPDATE customers.addresses SET is_default = @no WHERE customer_id = @customerId AND is_default = @yes",
            new { customerId, no = false, yes = true }, ct);

    /// <summary>When a customer has addresses but no default, the oldest becomes the default.</summary>
    public static Task EnsureDefaultAsync(DbSession session, long customerId, CancellationToken ct) =>
        session.ExecuteAsync(
            """
            UPDATE customers.addresses SET is_default = @yes
            WHERE id = (SELECT MIN(id) FROM customers.addresses WHERE customer_id = @customerId)
              AND NOT EXISTS (SELECT 1 FROM customers.addresses d WHERE d.customer_id = @customerId AND d.is_default = @yes)
            """, new { customerId, yes = true }, ct);

    public static async Task<IReadOnlyList<AddressView>> ListAsync(DbSession session, long customerId, CancellationToken ct) =>
        (await session.QueryAsync<Row>(
            """
            SELECT id AS Id, label AS Label, recipient AS Recipient, phone AS Phone, line1 AS Line1, ward AS Ward, district AS District,
                   province AS Province, is_default AS IsDefault
            FROM customers.addresses WHERE customer_id = @customerId ORDER BY is_default DESC, id
            """, new { customerId }, ct))
        .Select(a => new AddressView(a.Id, a.Label, a.Recipient, a.Phone, a.Line1, a.Ward, a.District, a.Province, a.IsDefault)).ToList();

    private sealed class Row
    {
        public long Id { get; init; }
        public string? Label { get; init; }
        public string Recipient { get; init; } = "";
        public string? Phone { get; init; }
        public string Line1 { get; init; } = "";
        public string? Ward { get; init; }
        public string? District { get; init; }
        public string Province { get; init; } = "";
        public bool IsDefault { get; init; }
    }
}

internal sealed class AddAddressHandler(DbSession session, TimeProvider clock) : IRequestHandler<AddAddress, long>
{
    public async Task<long> Handle(AddAddress request, CancellationToken cancellationToken)
    {
        var customerId = await AddressRows.LiveCustomerAsync(session, request.CustomerId, cancellationToken);
        var count = await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM customers.addresses WHERE customer_id = @customerId", new { customerId }, cancellationToken);
        if (count >= AddressRows.MaxPerCustomer)
            throw AppException.Invalid("Line1", $"A customer keeps at most {AddressRows.MaxPerCustomer} addresses; remove one first.");
        var makeDefault = request.MakeDefault || count == 0;
        if (makeDefault) await AddressRows.ClearDefaultAsync(session, customerId, cancellationToken);
        var v = AddressRows.Values(request);
        return await session.ExecuteScalarAsync<long>(
            """
            INSERT INTO customers.addresses (customer_id, label, recipient, phone, line1, ward, district, province, is_default, created_at)
            VALUES (@customerId, @Label, @Recipient, @Phone, @Line1, @Ward, @District, @Province, @makeDefault, @now)
            RETURNING id
            """,
            new { customerId, v.Label, v.Recipient, v.Phone, v.Line1, v.Ward, v.District, v.Province, makeDefault, now = clock.GetUtcNow() }, cancellationToken);
    }
}

internal sealed class UpdateAddressHandler(DbSession session) : IRequestHandler<UpdateAddress, bool>
{
    public async Task<bool> Handle(UpdateAddress request, CancellationToken cancellationToken)
    {
        var customerId = await AddressRows.LiveCustomerAsync(session, request.CustomerId, cancellationToken);
        var wasDefault = await AddressRows.IsDefaultOwnedAsync(session, customerId, request.AddressId, cancellationToken);
        if (request.MakeDefault && !wasDefault) await AddressRows.ClearDefaultAsync(session, customerId, cancellationToken);
        var v = AddressRows.Values(request);
        await session.ExecuteAsync(
            """
            UPDATE customers.addresses SET label = @Label, recipient = @Recipient, phone = @Phone, line1 = @Line1, ward = @Ward, district = @District,
                province = @Province, is_default = @isDefault
            WHERE id = @AddressId AND customer_id = @customerId
            """,
            new { customerId, request.AddressId, v.Label, v.Recipient, v.Phone, v.Line1, v.Ward, v.District, v.Province, isDefault = wasDefault || request.MakeDefault },
            cancellationToken);
        return true;
    }
}

internal sealed class RemoveAddressHandler(DbSession session) : IRequestHandler<RemoveAddress, bool>
{
    public async Task<bool> Handle(RemoveAddress request, CancellationToken cancellationToken)
    {
        var customerId = await AddressRows.LiveCustomerAsync(session, request.CustomerId, cancellationToken);
        await AddressRows.IsDefaultOwnedAsync(session, customerId, request.AddressId, cancellationToken);
        await session.ExecuteAsync("DELETE FROM customers.addresses WHERE id = @AddressId AND customer_id = @customerId", new { request.AddressId, customerId }, cancellationToken);
        await AddressRows.EnsureDefaultAsync(session, customerId, cancellationToken);
        return true;
    }
}

internal sealed class SetDefaultAddressHandler(DbSession session) : IRequestHandler<SetDefaultAddress, bool>
{
    public async Task<bool> Handle(SetDefaultAddress request, CancellationToken cancellationToken)
    {
        var customerId = await AddressRows.LiveCustomerAsync(session, request.CustomerId, cancellationToken);
        if (await AddressRows.IsDefaultOwnedAsync(session, customerId, request.AddressId, cancellationToken)) return false;
        await AddressRows.ClearDefaultAsync(session, customerId, cancellationToken);
        await session.ExecuteAsync("UPDATE customers.addresses SET is_default = @yes WHERE id = @AddressId AND customer_id = @customerId",
            new { request.AddressId, customerId, yes = true }, cancellationToken);
        return true;
    }
}

internal sealed class GetAddressesHandler(DbSession session) : IRequestHandler<GetAddresses, IReadOnlyList<AddressView>>
{
    public async Task<IReadOnlyList<AddressView>> Handle(GetAddresses request, CancellationToken cancellationToken)
    {
        var customerId = await CustomerDirectory.LiveIdAsync(session, request.CustomerId, cancellationToken) ?? request.CustomerId;
        return await AddressRows.ListAsync(session, customerId, cancellationToken);
    }
}
