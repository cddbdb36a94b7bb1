using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using OmniErp.Customers.Contracts;
using OmniErp.Customers.CustomerAddresses;
using OmniErp.Customers.Profiles;
using OmniErp.Kernel.Channels;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Modules;

namespace OmniErp.Customers.CustomerConsents;

internal sealed class ConsentForm
{
    public string? Channel { get; set; }
    public bool Granted { get; set; } = true;
    public string? Source { get; set; }
}

internal sealed record ConsentsPage(CustomerSummary Customer, ConsentsView Consents, IReadOnlyList<Channel> Channels, ConsentForm Form);

/// <summary>
/// Marketing consent per channel in the back office: a clerk records a consent given or withdrawn, with where it was
/// given; the page shows what is in force and the full history (when, where, by whom).
/// </summary>
[Area("Customers"), Route("customers/customers/{customerId:long}/consents"), Authorize(Roles = Roles.StoreStaff)]
internal sealed class CustomerConsentsController(IMediator mediator, IChannelDirectory channels) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(long customerId, CancellationToken ct) =>
        await PageAsync(customerId, new ConsentForm(), ct) is { } page ? View(page) : NotFound();

    [HttpPost("")]
    public async Task<IActionResult> Record(long customerId, [Bind(Prefix = "Form")] ConsentForm form, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            try
            {
                await mediator.Send(new RecordConsent(customerId, form.Channel, form.Granted, form.Source, User.Identity?.Name ?? "staff"), ct);
                TempData["Message"] = form.Granted ? "Consent recorded." : "Withdrawal recorded.";
                return RedirectToAction(nameof(Index), new { customerId });
            }
            catch (AppException ex) when (ex.Kind == ErrorKind.Validation)
            {
                CustomerAddressesController.AddErrors(ModelState, ex);
            }
        }
        var page = await PageAsync(customerId, form, ct);
        if (page is null) return NotFound();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(nameof(Index), page);
    }

    private async Task<ConsentsPage?> PageAsync(long customerId, ConsentForm form, CancellationToken ct)
    {
        var customer = await mediator.Send(new GetCustomer(customerId), ct);
        if (customer is null) return null;
        return new ConsentsPage(customer, await mediator.Send(new GetConsents(customer.Id), ct), await channels.ListAsync(ct), form);
    }
}
