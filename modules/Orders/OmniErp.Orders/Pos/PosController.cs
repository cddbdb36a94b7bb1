using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using OmniErp.Catalog.Contracts;
using OmniErp.Customers.Contracts;
using OmniErp.Inventory.Contracts;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Modules;
using OmniErp.Orders.Contracts;
using OmniErp.Pricing.Contracts;

namespace OmniErp.Orders.Pos;

internal sealed class PosForm
{
    public string Store { get; set; } = "HN01";
    /// <summary>One line per item: a SKU or barcode, optionally followed by a quantity ("AO00001-M 2").</summary>
    public string Items { get; set; } = "";
    public string? Phone { get; set; }
    public string PaymentMethod { get; set; } = PaymentMethods.Cash;
    public string? Coupon { get; set; }
    /// <summary>Loyalty points the customer redeems (offered once the phone finds a customer with points).</summary>
    public int RedeemPoints { get; set; }
    /// <summary>The stores the till can sell from (Inventory's locations of type store).</summary>
    public IReadOnlyList<LocationInfo> Stores { get; set; } = [];
    public CustomerSummary? Customer { get; set; }
    public LoyaltyStatus? Loyalty { get; set; }
    /// <summary>Set when the page is shown: a double-submitted sale is one sale.</summary>
    public string SaleKey { get; set; } = "";
    public Quote? Quote { get; set; }
    public PlacedOrder? Sold { get; set; }
}

/// <summary>The store clerk's till: scan or type items, price them with the engine, take the payment. Works without JavaScript.</summary>
[Area("Orders"), Route("orders/pos"), Authorize(Roles = Roles.StoreStaff)]
internal sealed class PosController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? store, CancellationToken ct)
    {
        var stores = await StoresAsync(ct);
        var chosen = stores.Any(s => s.Code == store) ? store! : stores.FirstOrDefault()?.Code ?? "";
        return View(new PosForm { Store = chosen, Stores = stores, SaleKey = Guid.NewGuid().ToString("N") });
    }

    [HttpPost("")]
    public async Task<IActionResult> Index(PosForm form, string? submit, CancellationToken ct)
    {
        form.Stores = await StoresAsync(ct);
        try
        {
            if (form.Stores.All(s => s.Code != form.Store)) throw AppException.Invalid(nameof(PosForm.Store), "Choose one of the stores.");
            if (form.RedeemPoints < 0) throw AppException.Invalid(nameof(PosForm.RedeemPoints), "Points cannot be negative.");
            var lines = await ParseAsync(form.Items, ct);
            var coupons = string.IsNullOrWhiteSpace(form.Coupon) ? null : new[] { form.Coupon.Trim() };
            if (submit == "sell")
            {
                var sold = await mediator.Send(new PlaceOrder("store", form.SaleKey, lines, Fulfilment.InStore, Store: form.Store,
                    Buyer: string.IsNullOrWhiteSpace(form.Phone) ? null : new OrderBuyer(form.Phone, null, null),
                    PaymentMethod: form.PaymentMethod, CouponCodes: coupons, PlacedBy: User.Identity?.Name ?? "clerk",
                    RedeemPoints: string.IsNullOrWhiteSpace(form.Phone) ? 0 : form.RedeemPoints), ct);
                ModelState.Clear();
                return View(new PosForm { Store = form.Store, Stores = form.Stores, SaleKey = Guid.NewGuid().ToString("N"), Sold = sold });
            }
            // Pricing with a phone looks the customer up (or enrols them, as the sale would): their prices, their points.
            if (!string.IsNullOrWhiteSpace(form.Phone))
            {
                form.Customer = await mediator.Send(new FindOrCreateCustomer(form.Phone, null, null, "store"), ct);
                form.Loyalty = await mediator.Send(new GetLoyaltyStatus(form.Customer.Id), ct);
                if (form.RedeemPoints > (form.Loyalty?.Balance ?? 0))
                    throw AppException.Invalid(nameof(PosForm.RedeemPoints), $"The customer has {form.Loyalty?.Balance ?? 0} points.");
            }
            form.Quote = await mediator.Send(new GetQuote("store", lines.Select(l => new QuoteLineRequest(l.Sku, l.Quantity)).ToList(), form.Customer?.Id,
                CouponCodes: coupons, RedeemPoints: form.Customer is null ? 0 : form.RedeemPoints), ct);
            foreach (var p in form.Quote.Problems) ModelState.AddModelError(nameof(form.Items), $"{p.Sku}: {p.Message}");
        }
        catch (OrderRefusedException ex)
        {
            foreach (var l in ex.Lines) ModelState.AddModelError(nameof(form.Items), $"{l.Sku}: {l.Message}");
        }
        catch (AppException ex)
        {
            foreach (var e in ex.Errors) ModelState.AddModelError(e.Field ?? "", e.Message);
        }
        return View(form);
    }

    private async Task<IReadOnlyList<LocationInfo>> StoresAsync(CancellationToken ct) =>
        (await mediator.Send(new GetLocations(), ct)).Where(l => l.Type == LocationType.Store).OrderBy(l => l.Code, StringComparer.Ordinal).ToList();

    private async Task<List<OrderLineRequest>> ParseAsync(string items, CancellationToken ct)
    {
        var lines = new List<OrderLineRequest>();
        foreach (var raw in (items ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = raw.Split([' ', '\t', ';', ','], StringSplitOptions.RemoveEmptyEntries);
            var qty = parts.Length > 1 && int.TryParse(parts[^1], out var q) ? q : 1;
            lines.Add(new OrderLineRequest(parts[0], qty));
        }
        if (lines.Count == 0) throw AppException.Invalid(nameof(PosForm.Items), "Scan or type at least one item.");

        // A code that is not a SKU may be a barcode.
        var known = (await mediator.Send(new GetSkus(lines.Select(l => l.Sku).ToList()), ct)).Select(s => s.Sku).ToHashSet(StringComparer.Ordinal);
        var unknown = lines.Where(l => !known.Contains(l.Sku)).Select(l => l.Sku).ToHashSet(StringComparer.Ordinal);
        if (unknown.Count == 0) return lines;
        var byBarcode = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var offset = 0; unknown.Count > byBarcode.Count; offset += 1000)
        {
            var page = await mediator.Send(new ListSkus(offset, 1000), ct);
            foreach (var s in page) if (s.Barcode is { } b && unknown.Contains(b)) byBarcode[b] = s.Sku;
            if (page.Count < 1000) break;
        }
        return lines.Select(l => byBarcode.TryGetValue(l.Sku, out var sku) ? l with { Sku = sku } : l).ToList();
    }
}
