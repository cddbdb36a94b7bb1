using FluentValidation;
using MediatR;
using OmniErp.Inventory.Locations;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Messaging;

namespace OmniErp.Inventory.Stock;

/// <summary>When available stock of a SKU at a location falls to <see cref="Point"/>, it is low; reorder <see cref="Quantity"/>.</summary>
internal sealed record SetReorderPoint(string Sku, string Location, int Point, int Quantity) : ICommand<Unit>;

internal sealed class SetReorderPointValidator : AbstractValidator<SetReorderPoint>
{
    public SetReorderPointValidator()
    {
        RuleFor(x => x.Sku).NotEmpty();
        RuleFor(x => x.Location).NotEmpty();
        RuleFor(x => x.Point).GreaterThanOrEqualTo(0);
        RuleFor(x => x.Quantity).GreaterThanOrEqualTo(0);
    }
}

internal sealed class SetReorderPointHandler(DbSession session, TimeProvider clock) : IRequestHandler<SetReorderPoint, Unit>
{
    public async Task<Unit> Handle(SetReorderPoint request, CancellationToken cancellationToken)
    {
        if (await LocationRows.FindAsync(session, request.Location, cancellationToken) is null)
            throw AppException.Invalid(nameof(request.Location), $"Location '{request.Location}' does not exist.");
        // Reorder settings are not stock: on hand and reserved are left alone (a new row starts at zero).
        await session.ExecuteAsync(
            """
            INSERT INTO inventory.stock (sku, location, on_hand, reserved, reorder_point, reorder_quantity, updated_at)
            VALUES (@Sku, @Location, 0, 0, @Point, @Quantity, @Now)
            ON CONFLICT (sku, location) DO UPDATE SET reorder_point = excluded.reorder_point, reorder_quantity = excluded.reorder_quantity
            """,
            new { request.Sku, request.Location, request.Point, request.Quantity, Now = clock.GetUtcNow() }, cancellationToken);
        return Unit.Value;
    }
}
