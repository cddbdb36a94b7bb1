using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using OmniErp.Kernel.Modules;

namespace OmniErp.Customers.Segments;

[Area("Customers"), Route("customers/segments"), Authorize(Roles = Roles.Everyone)]
internal sealed class SegmentsController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await mediator.Send(new GetSegments(), ct));
}
