using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using OmniErp.Kernel.Channels;
using OmniErp.Kernel.Modules;
using OmniErp.Pricing.Contracts;

namespace OmniErp.Pricing.PriceCheck;

internal sealed class PriceCheckQuery
{
    public string? Sku { get; set; }
    public int Quantity { get; set; } = 1;
    public long? Customer { get; set; }
    public string? Coupon { get; set; }
}

internal sealed record PriceCheckModel(PriceCheckQuery Query, IReadOnlyList<(Channel Channel, Quote Quote)> Quotes);

/// <summary>One SKU's quote on every channel side by side, each with the trace of how its price came about.</summary>
[Area("Pricing"), Route("pricing/check"), Authorize(Roles = Roles.Merchandising + ",StoreManager,StoreClerk")]
internal sealed class PriceCheckController(IMediator mediator, IChannelDirectory channels) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] PriceCheckQuery query, CancellationToken ct)
    {
        var quotes = new List<(Channel, Quote)>();
        if (!string.IsNullOrWhiteSpace(query.Sku))
        {
            var sku = query.Sku.Trim().ToUpperInvariant();
            foreach (var channel in await channels.ListAsync(ct))
                quotes.Add((channel, await mediator.Send(new GetQuote(channel.Code, [new QuoteLineRequest(sku, Math.Max(1, query.Quantity))], query.Customer,
                    null, string.IsNullOrWhiteSpace(query.Coupon) ? null : [query.Coupon]), ct)));
        }
        return View(new PriceCheckModel(query, quotes));
    }
}
