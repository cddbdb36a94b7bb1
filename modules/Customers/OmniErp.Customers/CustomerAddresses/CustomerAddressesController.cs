using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using OmniErp.Customers.Contracts;
using OmniErp.Customers.Profiles;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Modules;

namespace OmniErp.Customers.CustomerAddresses;

/// <summary>The form a clerk fills for an address (also the edit form).</summary>
internal sealed class AddressForm
{
    public string? Label { get; set; }
    public string? Recipient { get; set; }
    public string? Phone { get; set; }
    public string? Line1 { get; set; }
    public string? Ward { get; set; }
    public string? District { get; set; }
    public string? Province { get; set; }
    public bool MakeDefault { get; set; }

    public static AddressForm From(AddressView a) => new()
    {
        Label = a.Label, Recipient = a.Recipient, Phone = a.Phone is null ? null : PhoneNumber.Display(a.Phone), Line1 = a.Line1, Ward = a.Ward,
        District = a.District, Province = a.Province, MakeDefault = a.IsDefault,
    };
}

internal sealed record AddressesPage(CustomerSummary Customer, IReadOnlyList<AddressView> Addresses, AddressForm Form, long? EditingId = null);

/// <summary>A customer's delivery addresses in the back office: add, edit, remove, choose the default.</summary>
[Area("Customers"), Route("customers/customers/{customerId:long}/addresses"), Authorize(Roles = Roles.StoreStaff)]
internal sealed class CustomerAddressesController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(long customerId, CancellationToken ct) =>
        await PageAsync(customerId, new AddressForm(), null, ct) is { } page ? View(page) : NotFound();

    [HttpPost("")]
    public async Task<IActionResult> Add(long customerId, [Bind(Prefix = "Form")] AddressForm form, CancellationToken ct)
    {
        if (!ModelState.IsValid) return await RedisplayAsync(customerId, form, null, nameof(Index), ct);
        try
        {
            await mediator.Send(new AddAddress(customerId, form.Label, form.Recipient, form.Phone, form.Line1, form.Ward, form.District, form.Province, form.MakeDefault), ct);
        }
        catch (AppException ex) when (ex.Kind == ErrorKind.Validation)
        {
            AddErrors(ModelState, ex);
            return await RedisplayAsync(customerId, form, null, nameof(Index), ct);
        }
        TempData["Message"] = "Address added.";
        return RedirectToAction(nameof(Index), new { customerId });
    }

    [HttpGet("{addressId:long}/edit")]
    public async Task<IActionResult> Edit(long customerId, long addressId, CancellationToken ct)
    {
        var page = await PageAsync(customerId, new AddressForm(), addressId, ct);
        var address = page?.Addresses.FirstOrDefault(a => a.Id == addressId);
        return page is null || address is null ? NotFound() : View(page with { Form = AddressForm.From(address) });
    }

    [HttpPost("{addressId:long}/edit")]
    public async Task<IActionResult> Update(long customerId, long addressId, [Bind(Prefix = "Form")] AddressForm form, CancellationToken ct)
    {
        if (!ModelState.IsValid) return await RedisplayAsync(customerId, form, addressId, nameof(Edit), ct);
        try
        {
            await mediator.Send(new UpdateAddress(customerId, addressId, form.Label, form.Recipient, form.Phone, form.Line1, form.Ward, form.District, form.Province, form.MakeDefault), ct);
        }
        catch (AppException ex) when (ex.Kind == ErrorKind.Validation)
        {
            AddErrors(ModelState, ex);
            return await RedisplayAsync(customerId, form, addressId, nameof(Edit), ct);
        }
        TempData["Message"] = "Address saved.";
        return RedirectToAction(nameof(Index), new { customerId });
    }

    [HttpPost("{addressId:long}/remove")]
    public async Task<IActionResult> Remove(long customerId, long addressId, CancellationToken ct)
    {
        await mediator.Send(new RemoveAddress(customerId, addressId), ct);
        TempData["Message"] = "Address removed.";
        return RedirectToAction(nameof(Index), new { customerId });
    }

    [HttpPost("{addressId:long}/default")]
    public async Task<IActionResult> MakeDefault(long customerId, long addressId, CancellationToken ct)
    {
        await mediator.Send(new SetDefaultAddress(customerId, addressId), ct);
        TempData["Message"] = "Default address changed.";
        return RedirectToAction(nameof(Index), new { customerId });
    }

    private async Task<AddressesPage?> PageAsync(long customerId, AddressForm form, long? editing, CancellationToken ct)
    {
        var customer = await mediator.Send(new GetCustomer(customerId), ct);
        if (customer is null) return null;
        return new AddressesPage(customer, await mediator.Send(new GetAddresses(customer.Id), ct), form, editing);
    }

    private async Task<IActionResult> RedisplayAsync(long customerId, AddressForm form, long? editing, string view, CancellationToken ct)
    {
        var page = await PageAsync(customerId, form, editing, ct);
        if (page is null) return NotFound();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(view, page);
    }

    internal static void AddErrors(ModelStateDictionary state, AppException ex)
    {
        foreach (var e in ex.Errors) state.AddModelError("Form." + (e.Field ?? ""), e.Message);
    }
}
