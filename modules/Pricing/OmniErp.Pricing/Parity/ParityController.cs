using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using OmniErp.Kernel.Modules;
using OmniErp.Pricing.Prices;

namespace OmniErp.Pricing.Parity;

/// <summary>The parity report: every SKU whose channel prices break a rule (empty when parity holds).</summary>
[Area("Pricing"), Route("pricing/parity"), Authorize(Roles = Roles.Merchandising + ",StoreManager")]
internal sealed class ParityController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await mediator.Send(new GetParityReport(), ct));
}
