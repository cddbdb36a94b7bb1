using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using OmniErp.Kernel.Modules;

namespace OmniErp.Customers.Customers;

[Area("Customers"), Route("customers/customers"), Authorize(Roles = Roles.Everyone)]
internal sealed class CustomersController : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View();
}
