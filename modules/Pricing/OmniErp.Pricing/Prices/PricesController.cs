using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using OmniErp.Kernel.Channels;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Modules;

namespace OmniErp.Pricing.Prices;

internal sealed class PriceForm
{
    public string Sku { get; set; } = "";
    public string? Channel { get; set; }
    public decimal? Price { get; set; }
}

internal sealed class ScheduleForm
{
    public string Sku { get; set; } = "";
    public string? Channel { get; set; }
    public decimal Price { get; set; }
    public DateTime ValidFrom { get; set; }
    public DateTime? ValidTo { get; set; }
    public string? Note { get; set; }
}

internal sealed record PriceDetail(
    string Sku, PriceListRow? Row, IReadOnlyList<Channel> Channels, IReadOnlyList<Data.ScheduledPriceRow> Schedules,
    IReadOnlyList<PriceHistoryRow> History, PriceAsOf? AsOf, IReadOnlyList<Error> Errors);

[Area("Pricing"), Route("pricing/prices"), Authorize(Roles = Roles.Merchandising + ",StoreManager")]
internal sealed class PricesController(IMediator mediator, IChannelDirectory channels) : Controller
{
    private string Who => User.Identity?.Name ?? "unknown";

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] ListPrices query, CancellationToken ct)
    {
        ViewData["Query"] = query;
        ViewData["Channels"] = await channels.ListAsync(ct);
        return View(await mediator.Send(query, ct));
    }

    [HttpGet("{sku}")]
    public async Task<IActionResult> Detail(string sku, DateTime? asOf, string? asOfChannel, CancellationToken ct) =>
        View(await DetailAsync(sku, asOf, asOfChannel, [], ct));

    private async Task<PriceDetail> DetailAsync(string sku, DateTime? asOf, string? asOfChannel, IReadOnlyList<Error> errors, CancellationToken ct)
    {
        sku = sku.ToUpperInvariant();
        var row = (await mediator.Send(new ListPrices(sku, PageSize: 10), ct)).Rows.FirstOrDefault(r => r.Sku == sku);
        var at = asOf is { } a ? new DateTimeOffset(DateTime.SpecifyKind(a, DateTimeKind.Utc)) : (DateTimeOffset?)null;
        return new PriceDetail(sku, row, await channels.ListAsync(ct), await mediator.Send(new ListScheduledPrices(sku), ct),
            await mediator.Send(new GetPriceHistory(sku), ct),
            at is { } t ? await mediator.Send(new GetPriceAsOf(sku, string.IsNullOrWhiteSpace(asOfChannel) ? null : asOfChannel, t), ct) : null, errors);
    }

    [HttpPost("set"), Authorize(Roles = Roles.Merchandising)]
    public Task<IActionResult> Set(PriceForm form, CancellationToken ct) =>
        Run(form.Sku, () => mediator.Send(new SetPrice(form.Sku, string.IsNullOrWhiteSpace(form.Channel) ? null : form.Channel, form.Price, Who, PriceSources.Page), ct), ct);

    [HttpPost("key-item"), Authorize(Roles = Roles.Merchandising)]
    public Task<IActionResult> KeyItem(string sku, bool keyItem, CancellationToken ct) =>
        Run(sku, () => mediator.Send(new SetKeyItem(sku, keyItem, Who, PriceSources.Page), ct), ct);

    [HttpPost("schedule"), Authorize(Roles = Roles.Merchandising)]
    public Task<IActionResult> Schedule(ScheduleForm form, CancellationToken ct) =>
        Run(form.Sku, () => mediator.Send(new SchedulePrice(form.Sku, form.Channel, form.Price,
            new DateTimeOffset(DateTime.SpecifyKind(form.ValidFrom, DateTimeKind.Utc)),
            form.ValidTo is { } to ? new DateTimeOffset(DateTime.SpecifyKind(to, DateTimeKind.Utc)) : null, form.Note, Who, PriceSources.Page), ct), ct);

    [HttpPost("import"), Authorize(Roles = Roles.Merchandising)]
    public async Task<IActionResult> Import(IFormFile? file, CancellationToken ct)
    {
        ViewData["Channels"] = await channels.ListAsync(ct);
        ViewData["Query"] = new ListPrices();
        try
        {
            if (file is null) throw AppException.Invalid("file", "Choose a CSV file (sku,channel,price).");
            using var reader = new StreamReader(file.OpenReadStream());
            var changed = await mediator.Send(new ImportPrices(await reader.ReadToEndAsync(ct), Who, PriceSources.Csv), ct);
            TempData["Flash"] = string.Format(CultureInfo.InvariantCulture, "{0} price(s) changed.", changed);
            return Redirect("/pricing/prices");
        }
        catch (AppException ex)
        {
            ViewData["ImportErrors"] = ex.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Index", await mediator.Send(new ListPrices(), ct));
        }
    }

    private async Task<IActionResult> Run<T>(string sku, Func<Task<T>> send, CancellationToken ct)
    {
        try
        {
            await send();
            TempData["Flash"] = "Saved.";
            return Redirect("/pricing/prices/" + Uri.EscapeDataString(sku.ToUpperInvariant()));
        }
        catch (AppException ex) when (ex.Kind is ErrorKind.Validation or ErrorKind.Conflict)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Detail", await DetailAsync(sku, null, null, ex.Errors, ct));
        }
    }
}
