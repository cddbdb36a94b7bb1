using FluentValidation;
using MediatR;
using OmniErp.Customers.Data;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Messaging;

namespace OmniErp.Customers.Profiles;

/// <summary>Marketing consent for a channel given or withdrawn, with where (e.g. <c>store:HN01</c>); the history is kept.</summary>
internal sealed record RecordConsent(long CustomerId, string Channel, bool Granted, string Source) : ICommand<long>;

internal sealed class RecordConsentValidator : AbstractValidator<RecordConsent>
{
    public RecordConsentValidator()
    {
        RuleFor(r => r.Channel).NotEmpty().MaximumLength(32);
        RuleFor(r => r.Source).NotEmpty().MaximumLength(100);
    }
}

internal sealed class RecordConsentHandler(CustomersDbContext db, TimeProvider clock) : IRequestHandler<RecordConsent, long>
{
    public async Task<long> Handle(RecordConsent request, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.FindAsync([request.CustomerId], cancellationToken);
        if (customer is null || customer.MergedIntoId is not null) throw AppException.NotFound("Customer", request.CustomerId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var consent = new Consent { CustomerId = customer.Id, Channel = request.Channel, Granted = request.Granted, Source = request.Source, RecordedAt = clock.GetUtcNow() };
        db.Consents.Add(consent);
        await db.SaveChangesAsync(cancellationToken);
        return consent.Id;
    }
}

/// <summary>Adds a delivery address; the first one, or one marked default, becomes the default.</summary>
internal sealed record AddAddress(long CustomerId, string? Label, string Recipient, string? Phone, string Line1, string? Ward, string? District, string Province, bool MakeDefault)
    : ICommand<long>;

internal sealed class AddAddressValidator : AbstractValidator<AddAddress>
{
    public AddAddressValidator()
    {
        RuleFor(r => r.Recipient).NotEmpty().MaximumLength(200);
        RuleFor(r => r.Line1).NotEmpty().MaximumLength(300);
        RuleFor(r => r.Province).NotEmpty().MaximumLength(100);
        RuleFor(r => r.Phone).Must(p => PhoneNumber.Normalize(p) is not null).When(r => !string.IsNullOrWhiteSpace(r.Phone)).WithMessage("Not a Vietnamese phone number.");
    }
}

internal sealed class AddAddressHandler(CustomersDbContext db, TimeProvider clock) : IRequestHandler<AddAddress, long>
{
    public async Task<long> Handle(AddAddress request, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.FindAsync([request.CustomerId], cancellationToken);
        if (customer is null || customer.MergedIntoId is not null) throw AppException.NotFound("Customer", request.CustomerId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var existing = db.Addresses.Where(a => a.CustomerId == customer.Id).ToList();
        var makeDefault = request.MakeDefault || existing.Count == 0;
        if (makeDefault) foreach (var a in existing) a.IsDefault = false;
        var address = new Address
        {
            CustomerId = customer.Id, Label = request.Label, Recipient = request.Recipient.Trim(), Phone = PhoneNumber.Normalize(request.Phone),
            Line1 = request.Line1.Trim(), Ward = request.Ward, District = request.District, Province = request.Province.Trim(),
            IsDefault = makeDefault, CreatedAt = clock.GetUtcNow(),
        };
        db.Addresses.Add(address);
        await db.SaveChangesAsync(cancellationToken);
        return address.Id;
    }
}
