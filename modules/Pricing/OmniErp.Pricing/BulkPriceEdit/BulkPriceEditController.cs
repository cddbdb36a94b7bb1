using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using OmniErp.Catalog.Contracts;
using OmniErp.Kernel.Channels;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Modules;
using OmniErp.Pricing.Prices;

namespace OmniErp.Pricing.BulkPriceEdit;

internal sealed class BulkPriceForm
{
    public string? Category { get; set; }
    public string? Brand { get; set; }
    public string? SkuStartsWith { get; set; }

    /// <summary>SKUs separated by spaces, commas or new lines.</summary>
    public string? SkuList { get; set; }

    public BulkOperation Operation { get; set; }
    public decimal? Value { get; set; }
    public string? Channel { get; set; }

    /// <summary>UTC; empty or not in the future: at once.</summary>
    public DateTime? EffectiveFrom { get; set; }

    public string? Fingerprint { get; set; }

    public BulkPriceEdit ToEdit() => new(
        Blank(Category), Blank(Brand), Blank(SkuStartsWith),
        SkuList?.Split([' ', ',', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } skus ? skus : null,
        Operation, Value ?? throw AppException.Invalid("Value", "Enter a value (a percent or an amount)."), Blank(Channel),
        EffectiveFrom is { } e ? new DateTimeOffset(DateTime.SpecifyKind(e, DateTimeKind.Utc)) : null);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

internal sealed record BulkPricePage(BulkPriceForm Form, BulkPricePlan? Plan, IReadOnlyList<Error> Errors, IReadOnlyList<Channel> Channels,
    IReadOnlyList<CategoryNode> Categories);

/// <summary>Bulk price edit: choose a scope and an operation, preview every affected SKU (old → new, rule breaks flagged), apply all or nothing.</summary>
[Area("Pricing"), Route("pricing/bulk"), Authorize(Roles = Roles.Merchandising)]
internal sealed class BulkPriceEditController(IMediator mediator, IChannelDirectory channels) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => await PageAsync(new BulkPriceForm(), null, [], ct);

    [HttpGet("preview")]
    public async Task<IActionResult> Preview([FromQuery] BulkPriceForm form, CancellationToken ct)
    {
        try
        {
            return await PageAsync(form, await mediator.Send(new PreviewBulkPriceEdit(form.ToEdit()), ct), [], ct);
        }
        catch (AppException ex) when (ex.Kind == ErrorKind.Validation)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await PageAsync(form, null, Fields(ex), ct);
        }
    }

    [HttpPost("apply")]
    public async Task<IActionResult> Apply(BulkPriceForm form, CancellationToken ct)
    {
        try
        {
            var applied = await mediator.Send(new ApplyBulkPriceEdit(form.ToEdit(), User.Identity?.Name ?? "unknown", PriceSources.Bulk, form.Fingerprint), ct);
            TempData["Flash"] = applied.ScheduledFrom is { } from
                ? string.Format(CultureInfo.InvariantCulture, "{0} price(s) scheduled from {1:yyyy-MM-dd HH:mm} UTC.", applied.Changed, from)
                : string.Format(CultureInfo.InvariantCulture, "{0} price(s) changed.", applied.Changed);
            return Redirect("/pricing/bulk");
        }
        catch (AppException ex) when (ex.Kind is ErrorKind.Validation or ErrorKind.Conflict)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            BulkPricePlan? plan = null;
            try { plan = await mediator.Send(new PreviewBulkPriceEdit(form.ToEdit()), ct); }
            catch (AppException) { } // the errors above already say what is wrong
            return await PageAsync(form, plan, Fields(ex), ct);
        }
    }

    /// <summary>The page, with the channels and Catalog's categories (through its contract) to choose from.</summary>
    private async Task<IActionResult> PageAsync(BulkPriceForm form, BulkPricePlan? plan, IReadOnlyList<Error> errors, CancellationToken ct) =>
        View("Index", new BulkPricePage(form, plan, errors, await channels.ListAsync(ct), await mediator.Send(new GetCategories(), ct)));

    private static IReadOnlyList<Error> Fields(AppException ex) =>
        ex.Errors.Select(e => e.Field?.StartsWith("Edit.", StringComparison.Ordinal) == true ? e with { Field = e.Field[5..] } : e).ToList();
}
