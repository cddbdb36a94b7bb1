using FluentValidation;
using MediatR;
using OmniErp.Customers.Profiles;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Messaging;

namespace OmniErp.Customers.Carts;

/// <summary>Adds units of a SKU to the customer's one active cart (created on first use), from whichever channel.</summary>
internal sealed record AddToCart(long CustomerId, string Sku, int Quantity, string Channel) : ICommand<long>;

/// <summary>Sets a line's quantity; zero removes the line.</summary>
internal sealed record SetCartLine(long CustomerId, string Sku, int Quantity, string Channel) : ICommand<long>;

/// <summary>The cart was checked out (any channel, e.g. the POS found it by phone): it closes, and a new one starts next time.</summary>
internal sealed record CheckOutCart(long CustomerId, string OrderNumber) : ICommand<bool>;

internal sealed class AddToCartValidator : AbstractValidator<AddToCart>
{
    public AddToCartValidator()
    {
        RuleFor(r => r.Sku).NotEmpty().MaximumLength(64);
        RuleFor(r => r.Quantity).InclusiveBetween(1, 99);
        RuleFor(r => r.Channel).NotEmpty();
    }
}

internal sealed class SetCartLineValidator : AbstractValidator<SetCartLine>
{
    public SetCartLineValidator()
    {
        RuleFor(r => r.Sku).NotEmpty().MaximumLength(64);
        RuleFor(r => r.Quantity).InclusiveBetween(0, 999);
        RuleFor(r => r.Channel).NotEmpty();
    }
}

internal static class CartRows
{
    /// <summary>The customer's active cart id, created if there is none (one statement, safe against a concurrent first add).</summary>
    public static async Task<long> ActiveCartAsync(DbSession session, long customerId, string channel, DateTimeOffset now, CancellationToken ct)
    {
        await session.ExecuteAsync(
            """
            INSERT INTO customers.carts (customer_id, status, channel, created_at, updated_at)
            VALUES (@customerId, 'Active', @channel, @now, @now)
            ON CONFLICT DO NOTHING
            """, new { customerId, channel, now }, ct);
        return await session.ExecuteScalarAsync<long>(
            "SELECT id FROM customers.carts WHERE customer_id = @customerId AND status = 'Active'", new { customerId }, ct);
    }

    /// <summary>Activity restarts the idle clock and allows a new reminder.</summary>
    public static Task TouchAsync(DbSession session, long cartId, string channel, DateTimeOffset now, CancellationToken ct) =>
        session.ExecuteAsync("UPDATE customers.carts SET updated_at = @now, channel = @channel, abandoned_at = NULL WHERE id = @cartId",
            new { cartId, channel, now }, ct);

    public static async Task<long> LiveCustomerAsync(DbSession session, long customerId, CancellationToken ct) =>
        await CustomerDirectory.LiveIdAsync(session, customerId, ct)
        ?? throw AppException.NotFound("Customer", customerId.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

internal sealed class AddToCartHandler(DbSession session, OtherModules others, TimeProvider clock) : IRequestHandler<AddToCart, long>
{
    public async Task<long> Handle(AddToCart request, CancellationToken cancellationToken)
    {
        var customerId = await CartRows.LiveCustomerAsync(session, request.CustomerId, cancellationToken);
        await SkuCheck.EnsureSellableAsync(others, request.Sku, cancellationToken);
        var now = clock.GetUtcNow();
        var cartId = await CartRows.ActiveCartAsync(session, customerId, request.Channel, now, cancellationToken);
        var quantity = await session.ExecuteScalarAsync<int>(
            """
            INSERT INTO customers.cart_lines AS l (cart_id, sku, quantity, channel, added_at)
            VALUES (@cartId, @Sku, @Quantity, @Channel, @now)
            ON CONFLICT (cart_id, sku) DO UPDATE SET quantity = l.quantity + excluded.quantity, channel = excluded.channel
            RETURNING quantity
            """, new { cartId, request.Sku, request.Quantity, request.Channel, now }, cancellationToken);
        if (quantity > 999) throw AppException.Invalid(nameof(request.Quantity), "A cart line holds at most 999 units.");
        await CartRows.TouchAsync(session, cartId, request.Channel, now, cancellationToken);
        return cartId;
    }
}

internal sealed class SetCartLineHandler(DbSession session, OtherModules others, TimeProvider clock) : IRequestHandler<SetCartLine, long>
{
    public async Task<long> Handle(SetCartLine request, CancellationToken cancellationToken)
    {
        var customerId = await CartRows.LiveCustomerAsync(session, request.CustomerId, cancellationToken);
        var now = clock.GetUtcNow();
        var cartId = await CartRows.ActiveCartAsync(session, customerId, request.Channel, now, cancellationToken);
        if (request.Quantity == 0)
        {
            await session.ExecuteAsync("DELETE FROM customers.cart_lines WHERE cart_id = @cartId AND sku = @Sku", new { cartId, request.Sku }, cancellationToken);
        }
        else
        {
            await SkuCheck.EnsureSellableAsync(others, request.Sku, cancellationToken);
            await session.ExecuteAsync(
                """
                INSERT INTO customers.cart_lines (cart_id, sku, quantity, channel, added_at) VALUES (@cartId, @Sku, @Quantity, @Channel, @now)
                ON CONFLICT (cart_id, sku) DO UPDATE SET quantity = excluded.quantity, channel = excluded.channel
                """, new { cartId, request.Sku, request.Quantity, request.Channel, now }, cancellationToken);
        }
        await CartRows.TouchAsync(session, cartId, request.Channel, now, cancellationToken);
        return cartId;
    }
}

internal sealed class CheckOutCartHandler(DbSession session, TimeProvider clock) : IRequestHandler<CheckOutCart, bool>
{
    public async Task<bool> Handle(CheckOutCart request, CancellationToken cancellationToken)
    {
        var customerId = await CartRows.LiveCustomerAsync(session, request.CustomerId, cancellationToken);
        return await session.ExecuteAsync(
            "UPDATE customers.carts SET status = 'CheckedOut', checked_out_at = @now, order_number = @OrderNumber WHERE customer_id = @customerId AND status = 'Active'",
            new { customerId, request.OrderNumber, now = clock.GetUtcNow() }, cancellationToken) == 1;
    }
}

internal static class SkuCheck
{
    /// <summary>Refuses SKUs Catalog says do not exist or are not for sale; when Catalog cannot answer, the SKU is taken as given.</summary>
    public static async Task EnsureSellableAsync(OtherModules others, string sku, CancellationToken ct)
    {
        var known = await others.SkusAsync([sku], ct);
        if (known is null) return;
        if (!known.TryGetValue(sku, out var info))
            throw AppException.Invalid("Sku", $"There is no SKU '{sku}'.");
        if (info.Status != Catalog.Contracts.ProductStatus.Active)
            throw AppException.Invalid("Sku", $"SKU '{sku}' is not for sale.");
    }
}
