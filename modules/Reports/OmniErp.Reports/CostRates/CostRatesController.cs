using System.Globalization;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Modules;

namespace OmniErp.Reports.CostRates;

/// <summary>The cost-to-serve settings: handling and delivery per fulfilment, commission per channel, payment fees per method.</summary>
[Area("Reports"), Route("reports/costs"), Authorize(Roles = Roles.Finance)]
internal sealed class CostRatesController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await mediator.Send(new GetCostRates(), ct));

    /// <summary>Fields are named <c>rate:applies_to</c> (blank means 0) and <c>from</c>, the business day the values
    /// apply from (yyyy-MM-dd; blank means today). Errors name the field they are about.</summary>
    [HttpPost("")]
    public async Task<IActionResult> Save(IFormCollection form, CancellationToken ct)
    {
        var rates = new List<CostRate>();
        DateOnly? from = null;
        var fromText = form["from"].ToString().Trim();
        if (fromText.Length > 0)
        {
            if (DateOnly.TryParseExact(fromText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) from = day;
            else ModelState.AddModelError("from", $"From: '{fromText}' is not a date (yyyy-MM-dd).");
        }
        foreach (var (key, value) in form)
        {
            var parts = key.Split(':');
            if (parts.Length != 2 || !CostRateKinds.All.Contains(parts[0])) continue;
            var text = value.ToString().Trim();
            if (text.Length == 0) text = "0";
            if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
            {
                ModelState.AddModelError(key, $"{CostRateKinds.Label(parts[0])} ({parts[1]}): '{text}' is not a number.");
                continue;
            }
            rates.Add(new CostRate { Rate = parts[0], AppliesTo = parts[1], Value = amount });
        }
        if (ModelState.IsValid)
        {
            try
            {
                await mediator.Send(new SetCostRates(rates, User.Identity!.Name!, from), ct);
                TempData["Flash"] = "Saved";
                return RedirectToAction(nameof(Index));
            }
            catch (AppException ex)
            {
                foreach (var error in ex.Errors) ModelState.AddModelError(FieldOf(error.Field, rates), Named(error.Field, error.Message, rates));
            }
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        ViewData["From"] = fromText;
        return View(nameof(Index), await mediator.Send(new GetCostRates(), ct));
    }

    /// <summary>The validator names a rate's field <c>Rates[i].Value</c>; the form names it <c>rate:applies_to</c>.</summary>
    private static string FieldOf(string? field, List<CostRate> rates) =>
        RateIndex(field) is { } i && i < rates.Count ? $"{rates[i].Rate}:{rates[i].AppliesTo}" : (field ?? "") is "From" ? "from" : field ?? "";

    private static string Named(string? field, string message, List<CostRate> rates) =>
        RateIndex(field) is { } i && i < rates.Count && !message.StartsWith(CostRateKinds.Label(rates[i].Rate), StringComparison.Ordinal)
            ? $"{CostRateKinds.Label(rates[i].Rate)} ({rates[i].AppliesTo}): {message}"
            : message;

    private static int? RateIndex(string? field)
    {
        if (field is null || !field.StartsWith("Rates[", StringComparison.Ordinal)) return null;
        var end = field.IndexOf(']', StringComparison.Ordinal);
        return end > 6 && int.TryParse(field.AsSpan(6, end - 6), NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : null;
    }
}
