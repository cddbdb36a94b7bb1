using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using OmniErp.Kernel.Modules;

namespace OmniErp.Orders.Orders;

[Area("Orders"), Route("orders/orders"), Authorize(Roles = Roles.Everyone)]
internal sealed class OrdersController : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View();
}
