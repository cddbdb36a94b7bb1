using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using OmniErp.Inventory.Ledger;
using OmniErp.Inventory.Locations;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Modules;

namespace OmniErp.Inventory.StockMovements;

[Area("Inventory"), Route("inventory/movements"), Authorize(Roles = Roles.Everyone)]
internal sealed class StockMovementsController(IMediator mediator, DbSession session) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? sku, string? location, string? kind, int page = 1, CancellationToken ct = default)
    {
        var result = await mediator.Send(new ListMovements(sku, location, kind, page), ct);
        return View(new MovementsModel(result, sku, location, kind, await LocationRows.ListAsync(session, activeOnly: false, ct)));
    }
}

internal sealed record MovementsModel(MovementPage Page, string? Sku, string? Location, string? Kind, IReadOnlyList<LocationRow> Locations)
{
    public static IReadOnlyList<string> Kinds { get; } = Enum.GetNames<MovementKind>();

    public string Link(int page) =>
        $"?sku={Uri.EscapeDataString(Sku ?? "")}&location={Uri.EscapeDataString(Location ?? "")}&kind={Uri.EscapeDataString(Kind ?? "")}&page={page}";
}
