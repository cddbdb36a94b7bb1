using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using OmniErp.Inventory.Locations;
using OmniErp.Inventory.Stock;
using OmniErp.Inventory.Web;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Modules;

namespace OmniErp.Inventory.StockCounts;

[Area("Inventory"), Route("inventory/counts"), Authorize(Roles = Roles.StoreStaff)]
internal sealed class StockCountsController(IMediator mediator, DbSession session) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View(new CountsModel(await mediator.Send(new ListCounts(), ct), await LocationRows.ListAsync(session, activeOnly: true, ct),
            User.FindFirst(StockController.HomeStoreClaim)?.Value));

    [HttpPost("")]
    public async Task<IActionResult> Start(string location, string? skus, string? note, CancellationToken ct)
    {
        var list = (skus ?? "").Split(['\n', ',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var id = await mediator.Send(new StartCount(location, User.Identity?.Name ?? "", list.Count == 0 ? null : list, note), ct);
        return Redirect($"/inventory/counts/{id}");
    }

    [HttpGet("{id:long}")]
    public async Task<IActionResult> Sheet(long id, CancellationToken ct) =>
        await mediator.Send(new GetCountSheet(id), ct) is { } sheet ? View(sheet) : NotFound();

    [HttpPost("{id:long}")]
    public async Task<IActionResult> Record(long id, [FromForm] List<CountedLine> lines, CancellationToken ct)
    {
        try
        {
            await mediator.Send(new RecordCount(id, lines.Where(l => !string.IsNullOrWhiteSpace(l.Sku)).ToList()), ct);
            TempData["Flash"] = "Counts saved.";
            return Redirect($"/inventory/counts/{id}");
        }
        catch (AppException ex)
        {
            ModelState.AddErrors(ex);
            return View("Sheet", await mediator.Send(new GetCountSheet(id), ct));
        }
    }

    [HttpPost("{id:long}/post"), Authorize(Roles = Roles.StoreManagement)]
    public async Task<IActionResult> Post(long id, CancellationToken ct)
    {
        try
        {
            var corrections = await mediator.Send(new PostCount(id, User.Identity?.Name ?? ""), ct);
            TempData["Flash"] = corrections == 0 ? "Count posted: no variances." : "Count posted: variances corrected.";
            return Redirect($"/inventory/counts/{id}");
        }
        catch (AppException ex)
        {
            ModelState.AddErrors(ex);
            return View("Sheet", await mediator.Send(new GetCountSheet(id), ct));
        }
    }
}

internal sealed record CountsModel(IReadOnlyList<CountView> Counts, IReadOnlyList<LocationRow> Locations, string? HomeStore);
