using FluentValidation;
using MediatR;
using OmniErp.Kernel.Channels;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Messaging;

namespace OmniErp.Customers.Profiles;

/// <summary>
/// Marketing consent for a sales channel given or withdrawn, with where (<paramref name="Source"/>, e.g. <c>store:HN01</c>,
/// <c>web:account</c>, <c>phone call</c>) and by whom (a staff user, or <c>customer</c> for self-service). Append-only: the
/// history is kept and the latest row per channel is in force.
/// </summary>
internal sealed record RecordConsent(long CustomerId, string? Channel, bool Granted, string? Source, string RecordedBy) : ICommand<long>;

/// <param name="History">Every consent row, newest first.</param>
internal sealed record ConsentsView(IReadOnlyList<ConsentEntry> Current, IReadOnlyList<ConsentEntry> History);

internal sealed record ConsentEntry(long Id, string Channel, bool Granted, string Source, string RecordedBy, DateTimeOffset RecordedAt);

internal sealed record GetConsents(long CustomerId) : IQuery<ConsentsView>;

internal sealed class RecordConsentValidator : AbstractValidator<RecordConsent>
{
    public RecordConsentValidator()
    {
        RuleFor(r => r.Channel).NotEmpty().WithMessage("Choose a channel.").MaximumLength(32);
        RuleFor(r => r.Source).NotEmpty().WithMessage("Where was it given (store, web, phone call…)?").MaximumLength(100);
        RuleFor(r => r.RecordedBy).NotEmpty().MaximumLength(200);
    }
}

internal sealed class RecordConsentHandler(DbSession session, IChannelDirectory channels, TimeProvider clock) : IRequestHandler<RecordConsent, long>
{
    public async Task<long> Handle(RecordConsent request, CancellationToken cancellationToken)
    {
        var customerId = await CustomerDirectory.LiveIdAsync(session, request.CustomerId, cancellationToken)
            ?? throw AppException.NotFound("Customer", request.CustomerId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var channel = request.Channel!.Trim().ToLowerInvariant();
        if (await channels.FindAsync(channel, cancellationToken) is null)
            throw AppException.Invalid(nameof(request.Channel), $"There is no channel '{channel}'.");
        return await session.ExecuteScalarAsync<long>(
            """
            INSERT INTO customers.consents (customer_id, channel, granted, source, recorded_by, recorded_at)
            VALUES (@customerId, @channel, @Granted, @source, @RecordedBy, @now)
            RETURNING id
            """, new { customerId, channel, request.Granted, source = request.Source!.Trim(), request.RecordedBy, now = clock.GetUtcNow() }, cancellationToken);
    }
}

internal sealed class GetConsentsHandler(DbSession session) : IRequestHandler<GetConsents, ConsentsView>
{
    public async Task<ConsentsView> Handle(GetConsents request, CancellationToken cancellationToken)
    {
        var customerId = await CustomerDirectory.LiveIdAsync(session, request.CustomerId, cancellationToken) ?? request.CustomerId;
        var history = (await session.QueryAsync<Row>(
            """
            SELECT id AS Id, channel AS Channel, granted AS Granted, source AS Source, recorded_by AS RecordedBy, recorded_at AS RecordedAt
            FROM customers.consents WHERE customer_id = @customerId ORDER BY recorded_at DESC, id DESC
            """, new { customerId }, cancellationToken))
            .Select(r => new ConsentEntry(r.Id, r.Channel, r.Granted, r.Source, r.RecordedBy, r.RecordedAt)).ToList();
        var current = history.GroupBy(h => h.Channel).Select(g => g.First()).OrderBy(c => c.Channel, StringComparer.Ordinal).ToList();
        return new ConsentsView(current, history);
    }

    private sealed class Row
    {
        public long Id { get; init; }
        public string Channel { get; init; } = "";
        public bool Granted { get; init; }
        public string Source { get; init; } = "";
        public string RecordedBy { get; init; } = "";
        public DateTimeOffset RecordedAt { get; init; }
    }
}
