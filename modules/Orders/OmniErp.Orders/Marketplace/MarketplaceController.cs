using System.Globalization;
using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OmniErp.Kernel.Channels;
using OmniErp.Kernel.Errors;
using OmniErp.Orders.Contracts;
using OmniErp.Orders.Placing;

namespace OmniErp.Orders.Marketplace;

internal sealed class MarketplaceOrderPayload
{
    public string? OrderId { get; set; }
    public MarketplaceBuyer? Buyer { get; set; }
    public string? ShippingAddress { get; set; }
    public List<MarketplaceLine>? Lines { get; set; }
}

internal sealed class MarketplaceBuyer
{
    public string? Name { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
}

internal sealed class MarketplaceLine
{
    public string? Sku { get; set; }
    public int Quantity { get; set; }
}

/// <summary>
/// The marketplace's side of the pipeline. Inbound: <c>POST /api/marketplace/{channel}/orders</c>, authenticated by the
/// HMAC signature (not a cookie, hence anonymous and antiforgery-exempt). Outbound: <c>GET /api/marketplace/{channel}/feed</c>
/// with the channel's API key in <c>X-Channel-Key</c>, answered 304 when the caller's ETag still matches.
/// </summary>
[Area("Orders"), Route("api/marketplace/{channel}"), AllowAnonymous, IgnoreAntiforgeryToken]
internal sealed class MarketplaceController(IMediator mediator, IOptions<MarketplaceOptions> options, TimeProvider clock, IChannelDirectory channels) : Controller
{
    [HttpPost("orders")]
    public async Task<IActionResult> ReceiveOrder(string channel, CancellationToken ct)
    {
        if (!options.Value.Channels.TryGetValue(channel, out var settings) || string.IsNullOrEmpty(settings.Secret))
            return NotFound(new { status = "error", error = "UNKNOWN_CHANNEL", message = $"No webhook is configured for channel '{channel}'." });

        using var buffer = new MemoryStream();
        await Request.Body.CopyToAsync(buffer, ct);
        var body = buffer.ToArray();
        var timestamp = Request.Headers[WebhookSignature.TimestampHeader].ToString();
        var signature = Request.Headers[WebhookSignature.SignatureHeader].ToString();

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || !WebhookSignature.Matches(settings.Secret, timestamp, body, signature))
            return Unauthorized(new { status = "error", error = "BAD_SIGNATURE", message = "The signature does not match the body and timestamp." });
        var age = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age.Duration() > TimeSpan.FromSeconds(options.Value.ToleranceSeconds))
            return Unauthorized(new { status = "error", error = "STALE_TIMESTAMP", message = $"The timestamp is {age.TotalSeconds:0} s away from now; at most {options.Value.ToleranceSeconds} s is accepted." });

        MarketplaceOrderPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<MarketplaceOrderPayload>(body, OrderJson.Options);
        }
        catch (JsonException)
        {
            return BadRequest(new { status = "error", error = "BAD_JSON", message = "The body is not a valid order." });
        }
        if (payload is null || string.IsNullOrWhiteSpace(payload.OrderId) || payload.Lines is not { Count: > 0 })
            return BadRequest(new { status = "error", error = "BAD_ORDER", message = "An order has an orderId and at least one line." });

        var command = new PlaceOrder(
            channel.ToLowerInvariant(), "mkp:" + payload.OrderId.Trim(),
            payload.Lines.Select(l => new OrderLineRequest(l.Sku ?? "", l.Quantity)).ToList(),
            Fulfilment.Delivery,
            Buyer: payload.Buyer is { } b ? new OrderBuyer(b.Phone, b.Email, b.Name) : null,
            DeliveryAddress: payload.ShippingAddress,
            PaymentMethod: PaymentMethods.Marketplace,
            ExternalId: payload.OrderId.Trim(),
            PlacedBy: "marketplace:" + channel.ToLowerInvariant(),
            ReplayGuard: signature.Trim().ToLowerInvariant());
        try
        {
            var placed = await mediator.Send(command, ct);
            var answer = new { status = "accepted", orderId = payload.OrderId, orderNumber = placed.Number, total = placed.Total, currency = placed.Currency, repeated = placed.Repeated };
            return placed.Repeated ? Ok(answer) : StatusCode(StatusCodes.Status201Created, answer);
        }
        catch (OrderRefusedException ex)
        {
            return UnprocessableEntity(new
            {
                status = "rejected",
                orderId = payload.OrderId,
                reason = ex.Summary,
                lines = ex.Lines.Select(l => new { sku = l.Sku, quantity = l.Quantity, code = l.Code, message = l.Message, available = l.Available }),
            });
        }
        catch (AppException ex) when (ex.Kind == ErrorKind.Conflict)
        {
            var code = ex.Errors[0].Code;
            return Conflict(new { status = code == "REPLAY" ? "error" : "rejected", error = code, message = ex.Message, orderId = payload.OrderId });
        }
        catch (AppException ex)
        {
            return BadRequest(new { status = "rejected", error = "INVALID", orderId = payload.OrderId, errors = ex.Errors.Select(e => new { code = e.Code, field = e.Field, message = e.Message }) });
        }
    }

    [HttpGet("feed")]
    public async Task<IActionResult> Feed(string channel, CancellationToken ct)
    {
        var key = Request.Headers["X-Channel-Key"].ToString();
        var caller = string.IsNullOrEmpty(key) ? null : await channels.FindByApiKeyAsync(key, ct);
        if (caller is null || !string.Equals(caller.Code, channel, StringComparison.OrdinalIgnoreCase) || caller.Type != ChannelType.Marketplace)
            return Unauthorized(new { status = "error", error = "BAD_CHANNEL_KEY", message = "Send this marketplace channel's key in X-Channel-Key." });

        var feed = await mediator.Send(new GetMarketplaceFeed(caller.Code), ct);
        Response.Headers.ETag = feed.ETag;
        Response.Headers.CacheControl = "no-cache";
        var match = Request.Headers.IfNoneMatch.ToString();
        if (!string.IsNullOrEmpty(match) && match.Split(',').Any(t => t.Trim() == feed.ETag || t.Trim() == "*"))
            return StatusCode(StatusCodes.Status304NotModified);
        return File(feed.Json, "application/json");
    }
}
