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

    /// <summary>Fields are named <c>rate:applies_to</c>; blank means 0.</summary>
    [HttpPost("")]
    public async Task<IActionResult> Save(IFormCollection form, CancellationToken ct)
    {
        var rates = new List<CostRate>();
        foreach (var (key, value) in form)
        {
            var parts = key.Split(':');
            if (parts.Length != 2 || !CostRateKinds.All.Contains(parts[0])) continue;
            var text = value.ToString().Trim();
            if (text.Length == 0) text = "0";
            if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
            {
                ModelState.AddModelError(key, $"'{text}' is not a number.");
                continue;
            }
            rates.Add(new CostRate { Rate = parts[0], AppliesTo = parts[1], Value = amount });
        }
        if (ModelState.IsValid)
        {
            try
            {
                await mediator.Send(new SetCostRates(rates, User.Identity!.Name!), ct);
                TempData["Flash"] = "Saved";
                return RedirectToAction(nameof(Index));
            }
            catch (AppException ex)
            {
                foreach (var error in ex.Errors) ModelState.AddModelError(error.Field ?? "", error.Message);
            }
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(nameof(Index), await mediator.Send(new GetCostRates(), ct));
    }
}
