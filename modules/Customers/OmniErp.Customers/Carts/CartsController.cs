using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using OmniErp.Kernel.Modules;

namespace OmniErp.Customers.Carts;

[Area("Customers"), Route("customers/carts"), Authorize(Roles = Roles.Everyone)]
internal sealed class CartsController(IMediator mediator) : Controller
{
    [HttpGet("abandoned")]
    public async Task<IActionResult> Abandoned(CancellationToken ct) => View(await mediator.Send(new ListAbandonedCarts(), ct));
}
