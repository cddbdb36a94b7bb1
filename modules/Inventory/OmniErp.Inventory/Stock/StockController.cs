using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using OmniErp.Inventory.Locations;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Modules;

namespace OmniErp.Inventory.Stock;

[Area("Inventory"), Route("inventory/stock"), Authorize(Roles = Roles.Everyone)]
internal sealed class StockController(IMediator mediator, DbSession session, ILogger<StockController> log) : Controller
{
    public const string HomeStoreClaim = "omnierp:store";

    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, string? location, bool low = false, int page = 1, CancellationToken ct = default) =>
        View(await BuildAsync(q, location, low, page, ct));

    [HttpGet("low")]
    public async Task<IActionResult> Low(string? q, string? location, int page = 1, CancellationToken ct = default) =>
        View(await BuildAsync(q, location, true, page, ct));

    private async Task<StockPageModel> BuildAsync(string? q, string? location, bool low, int page, CancellationToken ct)
    {
        var home = User.FindFirst(HomeStoreClaim)?.Value;
        var result = await mediator.Send(new ListStock(q, location, low, home, page), ct);
        var names = await SkuNames.ForAsync(mediator, log, result.Rows.Select(r => r.Sku), ct);
        foreach (var row in result.Rows) row.Name = names.GetValueOrDefault(row.Sku);
        var locations = await LocationRows.ListAsync(session, activeOnly: false, ct);
        return new StockPageModel(result, q, location, low, home, locations);
    }
}

internal sealed record StockPageModel(StockPage Page, string? Search, string? Location, bool LowOnly, string? HomeStore, IReadOnlyList<LocationRow> Locations)
{
    public string Link(int page) =>
        $"?q={Uri.EscapeDataString(Search ?? "")}&location={Uri.EscapeDataString(Location ?? "")}&low={LowOnly.ToString().ToLowerInvariant()}&page={page}";
}
