using System.Text.Json;
using FluentValidation;
using MediatR;
using OmniErp.Customers.Contracts;
using OmniErp.Customers.Loyalty;
using OmniErp.Customers.Profiles;
using Microsoft.Extensions.Options;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Messaging;
using OmniErp.Kernel.Outbox;

namespace OmniErp.Customers.CustomerMerges;

/// <summary>What a merge would move, shown to a reviewer before anyone applies it.</summary>
/// <param name="Orders">The duplicate's orders on every channel (Orders' <c>GetCustomerOrders</c>), which then show under the survivor; null when Orders cannot answer.</param>
/// <param name="CartUnits">Units in the duplicate's active cart.</param>
internal sealed record MergePreview(
    CustomerSummary Survivor, CustomerSummary Duplicate, long PointsToMove, int LedgerEntries, int Purchases, int Addresses,
    int Consents, int CartLines, int WishlistItems, IReadOnlyList<string> Channels, IReadOnlyList<string> ContactChanges,
    int? Orders = null, int CartUnits = 0, int MergedEarlier = 0);

internal sealed record MergeView(long Id, string Status, string Reason, MergePreview Preview, string ProposedBy, DateTimeOffset ProposedAt,
    string? DecidedBy, DateTimeOffset? DecidedAt, string? Result);

/// <summary>Step 1: someone proposes that <paramref name="DuplicateId"/> is the same person as <paramref name="SurvivorId"/>. Nothing moves yet.</summary>
internal sealed record ProposeMerge(long SurvivorId, long DuplicateId, string Reason, string ProposedBy) : ICommand<long>;

/// <summary>Step 2: a reviewer applies a proposed merge: everything moves in one transaction, audited on the merge row.</summary>
internal sealed record ApplyMerge(long MergeId, string DecidedBy) : ICommand<MergeView>;

internal sealed record RejectMerge(long MergeId, string DecidedBy) : ICommand<bool>;

internal sealed record GetMerge(long MergeId) : IQuery<MergeView?>;

internal sealed record ListMerges(string? Status = null, int Limit = 100) : IQuery<IReadOnlyList<MergeView>>;

internal sealed class ProposeMergeValidator : AbstractValidator<ProposeMerge>
{
    public ProposeMergeValidator()
    {
        RuleFor(r => r.DuplicateId).NotEqual(r => r.SurvivorId).WithMessage("A customer cannot be merged into themselves.");
        RuleFor(r => r.Reason).NotEmpty().MaximumLength(500);
        RuleFor(r => r.ProposedBy).NotEmpty();
    }
}

internal static class MergeRows
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<MergePreview> PreviewAsync(DbSession session, IMediator mediator, long survivorId, long duplicateId, CancellationToken ct)
    {
        var survivor = await CustomerDirectory.SummaryAsync(session, survivorId, ct) ?? throw AppException.NotFound("Customer", survivorId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var duplicate = await CustomerDirectory.SummaryAsync(session, duplicateId, ct) ?? throw AppException.NotFound("Customer", duplicateId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var counts = await session.QuerySingleOrDefaultAsync<CountsRow>(
            """
            SELECT (SELECT points_balance FROM customers.customers WHERE id = @d) AS Points,
                   (SELECT COUNT(*) FROM customers.points_ledger WHERE customer_id = @d) AS Ledger,
                   (SELECT COUNT(*) FROM customers.purchases WHERE customer_id = @d) AS Purchases,
                   (SELECT COUNT(*) FROM customers.addresses WHERE customer_id = @d) AS Addresses,
                   (SELECT COUNT(*) FROM customers.consents WHERE customer_id = @d) AS Consents,
                   (SELECT COUNT(*) FROM customers.cart_lines l JOIN customers.carts k ON k.id = l.cart_id WHERE k.customer_id = @d AND k.status = 'Active') AS CartLines,
                   (SELECT COALESCE(SUM(l.quantity), 0) FROM customers.cart_lines l JOIN customers.carts k ON k.id = l.cart_id WHERE k.customer_id = @d AND k.status = 'Active') AS CartUnits,
                   (SELECT COUNT(*) FROM customers.customers WHERE merged_into_id = @d) AS MergedEarlier,
                   (SELECT COUNT(*) FROM customers.wishlist_items WHERE customer_id = @d) AS Wishlist,
                   (SELECT password_hash IS NOT NULL FROM customers.customers WHERE id = @d) AS DuplicateHasPassword,
                   (SELECT password_hash IS NOT NULL FROM customers.customers WHERE id = @s) AS SurvivorHasPassword
            """, new { d = duplicateId, s = survivorId }, ct) ?? new CountsRow();
        var channels = (await session.QueryAsync<string>("SELECT channel FROM customers.customer_channels WHERE customer_id = @d ORDER BY channel", new { d = duplicateId }, ct)).ToList();
        var contact = new List<string>();
        if (duplicate.Phone is not null) contact.Add(survivor.Phone is null ? $"phone {duplicate.Phone} moves to the survivor" : $"phone {duplicate.Phone} is dropped (survivor keeps {survivor.Phone})");
        if (duplicate.Email is not null) contact.Add(survivor.Email is null ? $"email {duplicate.Email} moves to the survivor" : $"email {duplicate.Email} is dropped (survivor keeps {survivor.Email})");
        if (counts.DuplicateHasPassword) contact.Add(counts.SurvivorHasPassword ? "the duplicate's storefront password is dropped" : "the duplicate's storefront password moves to the survivor");
        // Orders keeps the customer id an order was placed with: the duplicate's (and those merged into it earlier) follow it.
        var earlier = (await session.QueryAsync<long>("SELECT id FROM customers.customers WHERE merged_into_id = @d", new { d = duplicateId }, ct)).ToList();
        var orders = await Customers.OrderHistory.ForAsync(mediator, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, [duplicateId, .. earlier], ct);
        return new MergePreview(survivor, duplicate, counts.Points, (int)counts.Ledger, (int)counts.Purchases, (int)counts.Addresses, (int)counts.Consents,
            (int)counts.CartLines, (int)counts.Wishlist, channels, contact, orders?.Count, (int)counts.CartUnits, (int)counts.MergedEarlier);
    }

    public static async Task<MergeView?> GetAsync(DbSession session, long id, CancellationToken ct) =>
        (await ListAsync(session, "WHERE id = @id", new { id }, ct)).FirstOrDefault();

    public static async Task<IReadOnlyList<MergeView>> ListAsync(DbSession session, string where, object param, CancellationToken ct) =>
        (await session.QueryAsync<MergeRow>(
            $"""
            SELECT id AS Id, status AS Status, reason AS Reason, preview AS Preview, proposed_by AS ProposedBy, proposed_at AS ProposedAt,
                   decided_by AS DecidedBy, decided_at AS DecidedAt, result AS Result
            FROM customers.merges {where} ORDER BY proposed_at DESC, id DESC LIMIT 200
            """, param, ct))
        .Select(r => new MergeView(r.Id, r.Status, r.Reason, JsonSerializer.Deserialize<MergePreview>(r.Preview, Json)!, r.ProposedBy, r.ProposedAt, r.DecidedBy, r.DecidedAt, r.Result))
        .ToList();

    private sealed class CountsRow
    {
        public long Points { get; init; }
        public long Ledger { get; init; }
        public long Purchases { get; init; }
        public long Addresses { get; init; }
        public long Consents { get; init; }
        public long CartLines { get; init; }
        public long CartUnits { get; init; }
        public long MergedEarlier { get; init; }
        public long Wishlist { get; init; }
        public bool DuplicateHasPassword { get; init; }
        public bool SurvivorHasPassword { get; init; }
    }

    private sealed class MergeRow
    {
        public long Id { get; init; }
        public string Status { get; init; } = "";
        public string Reason { get; init; } = "";
        public string Preview { get; init; } = "";
        public string ProposedBy { get; init; } = "";
        public DateTimeOffset ProposedAt { get; init; }
        public string? DecidedBy { get; init; }
        public DateTimeOffset? DecidedAt { get; init; }
        public string? Result { get; init; }
    }
}

internal sealed class ProposeMergeHandler(DbSession session, IMediator mediator, TimeProvider clock) : IRequestHandler<ProposeMerge, long>
{
    public async Task<long> Handle(ProposeMerge request, CancellationToken cancellationToken)
    {
        var preview = await MergeRows.PreviewAsync(session, mediator, request.SurvivorId, request.DuplicateId, cancellationToken);
        var id = await session.ExecuteScalarAsync<long?>(
            """
            INSERT INTO customers.merges (survivor_id, duplicate_id, status, reason, preview, proposed_by, proposed_at)
            VALUES (@SurvivorId, @DuplicateId, 'Proposed', @Reason, @preview, @ProposedBy, @now)
            ON CONFLICT DO NOTHING
            RETURNING id
            """,
            new { request.SurvivorId, request.DuplicateId, request.Reason, preview = JsonSerializer.Serialize(preview, MergeRows.Json), request.ProposedBy, now = clock.GetUtcNow() },
            cancellationToken);
        return id ?? throw AppException.Conflict("MERGE_PENDING", "A merge of this customer is already waiting for review.");
    }
}

internal sealed class RejectMergeHandler(DbSession session, TimeProvider clock) : IRequestHandler<RejectMerge, bool>
{
    public async Task<bool> Handle(RejectMerge request, CancellationToken cancellationToken)
    {
        var rejected = await session.ExecuteAsync(
            "UPDATE customers.merges SET status = 'Rejected', decided_by = @DecidedBy, decided_at = @now WHERE id = @MergeId AND status = 'Proposed'",
            new { request.MergeId, request.DecidedBy, now = clock.GetUtcNow() }, cancellationToken);
        return rejected == 1 ? true : throw AppException.Conflict("MERGE_DECIDED", "This merge is not waiting for review.");
    }
}

/// <summary>A merge; while it waits for review its preview is recomputed, so the reviewer sees what would move now (the stored one is what the proposer saw).</summary>
internal sealed class GetMergeHandler(DbSession session, IMediator mediator) : IRequestHandler<GetMerge, MergeView?>
{
    public async Task<MergeView?> Handle(GetMerge request, CancellationToken cancellationToken)
    {
        var merge = await MergeRows.GetAsync(session, request.MergeId, cancellationToken);
        if (merge is not { Status: "Proposed" }) return merge;
        try { return merge with { Preview = await MergeRows.PreviewAsync(session, mediator, merge.Preview.Survivor.Id, merge.Preview.Duplicate.Id, cancellationToken) }; }
        catch (AppException) { return merge; }
    }
}

internal sealed class ListMergesHandler(DbSession session) : IRequestHandler<ListMerges, IReadOnlyList<MergeView>>
{
    public Task<IReadOnlyList<MergeView>> Handle(ListMerges request, CancellationToken cancellationToken) =>
        request.Status is null
            ? MergeRows.ListAsync(session, "", new { }, cancellationToken)
            : MergeRows.ListAsync(session, "WHERE status = @Status", new { request.Status }, cancellationToken);
}

/// <summary>
/// Moves everything of the duplicate to the survivor: points (ledger rows keep their dates, balance moves with
/// them), purchases, addresses, consents, channels, cart lines, wishlist, and the contact details and password the
/// survivor lacks. The duplicate stays as a tombstone pointing at the survivor, so old ids still resolve.
/// </summary>
internal sealed class ApplyMergeHandler(DbSession session, IMediator mediator, IOutbox outbox, IOptions<CustomersOptions> options, TimeProvider clock) : IRequestHandler<ApplyMerge, MergeView>
{
    public async Task<MergeView> Handle(ApplyMerge request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var merge = await session.QuerySingleOrDefaultAsync<Pair>(
            "UPDATE customers.merges SET status = 'Applied', decided_by = @DecidedBy, decided_at = @now WHERE id = @MergeId AND status = 'Proposed' RETURNING survivor_id AS S, duplicate_id AS D",
            new { request.MergeId, request.DecidedBy, now }, cancellationToken)
            ?? throw AppException.Conflict("MERGE_DECIDED", "This merge is not waiting for review.");
        var (s, d) = (merge.S, merge.D);

        // Lock both rows in id order (PostgreSQL), then make sure both are still live.
        var live = (await session.QueryAsync<LiveRow>(
            "SELECT id AS Id, phone AS Phone, email AS Email, password_hash AS PasswordHash, points_balance AS Points, merged_into_id AS MergedIntoId FROM customers.customers WHERE id IN (@s, @d) ORDER BY id"
            + CustomerDirectory.ForUpdate(session), new { s, d }, cancellationToken)).ToDictionary(r => r.Id);
        if (live.Count != 2 || live.Values.Any(r => r.MergedIntoId is not null))
            throw AppException.Conflict("MERGE_STALE", "One of the two customers was merged meanwhile; propose the merge again.");
        var dup = live[d];
        var p = new { s, d, now };
        var applying = await MergeRows.PreviewAsync(session, mediator, s, d, cancellationToken);

        var moved = new Dictionary<string, int>
        {
            ["ledgerEntries"] = await session.ExecuteAsync("UPDATE customers.points_ledger SET customer_id = @s WHERE customer_id = @d", p, cancellationToken),
            ["purchases"] = await session.ExecuteAsync("UPDATE customers.purchases SET customer_id = @s WHERE customer_id = @d", p, cancellationToken),
            ["addresses"] = await session.ExecuteAsync("UPDATE customers.addresses SET customer_id = @s, is_default = @no WHERE customer_id = @d", new { s, d, no = false }, cancellationToken),
            ["consents"] = await session.ExecuteAsync("UPDATE customers.consents SET customer_id = @s WHERE customer_id = @d", p, cancellationToken),
            ["wishlistItems"] = await session.ExecuteAsync(
                """
                INSERT INTO customers.wishlist_items (customer_id, sku, channel, added_at, seen_price, in_stock)
                SELECT @s, sku, channel, added_at, seen_price, in_stock FROM customers.wishlist_items WHERE customer_id = @d
                ON CONFLICT (customer_id, sku) DO NOTHING
                """, p, cancellationToken),
            ["cartLines"] = await MoveCartAsync(s, d, now, cancellationToken),
        };
        await session.ExecuteAsync("DELETE FROM customers.wishlist_items WHERE customer_id = @d", p, cancellationToken);
        await AddressRows.EnsureDefaultAsync(session, s, cancellationToken);
        await session.ExecuteAsync(
            """
            INSERT INTO customers.customer_channels AS cc (customer_id, channel, first_seen_at, last_seen_at)
            SELECT @s, channel, first_seen_at, last_seen_at FROM customers.customer_channels WHERE customer_id = @d
            ON CONFLICT (customer_id, channel) DO UPDATE SET
                first_seen_at = CASE WHEN excluded.first_seen_at < cc.first_seen_at THEN excluded.first_seen_at ELSE cc.first_seen_at END,
                last_seen_at = CASE WHEN excluded.last_seen_at > cc.last_seen_at THEN excluded.last_seen_at ELSE cc.last_seen_at END
            """, p, cancellationToken);
        await session.ExecuteAsync("DELETE FROM customers.customer_channels WHERE customer_id = @d", p, cancellationToken);

        // The duplicate becomes a tombstone (frees its phone and email), then the survivor takes what it lacked.
        await session.ExecuteAsync(
            "UPDATE customers.customers SET merged_into_id = @s, phone = NULL, email = NULL, password_hash = NULL, points_balance = 0, updated_at = @now WHERE id = @d", p, cancellationToken);
        await session.ExecuteAsync(
            """
            UPDATE customers.customers SET points_balance = points_balance + @Points,
                phone = COALESCE(phone, @Phone), email = COALESCE(email, @Email), password_hash = COALESCE(password_hash, @PasswordHash), updated_at = @now
            WHERE id = @s
            """, new { s, dup.Points, dup.Phone, dup.Email, dup.PasswordHash, now }, cancellationToken);
        await session.ExecuteAsync("UPDATE customers.customers SET merged_into_id = @s WHERE merged_into_id = @d", p, cancellationToken);
        await session.ExecuteAsync("UPDATE customers.sessions SET revoked_at = @now WHERE customer_id = @d AND revoked_at IS NULL", p, cancellationToken);
        await session.ExecuteAsync(
            "UPDATE customers.merges SET status = 'Rejected', decided_by = 'system', decided_at = @now, result = 'superseded: the survivor was merged away' WHERE status = 'Proposed' AND (survivor_id = @d OR duplicate_id = @d)",
            p, cancellationToken);
        await TierCalculator.RecalculateAsync(session, options.Value.Loyalty, now, s, cancellationToken);

        moved["points"] = (int)dup.Points;
        moved["cartUnits"] = applying.CartUnits;
        moved["mergedEarlier"] = applying.MergedEarlier;
        if (applying.Orders is { } orders) moved["orders"] = orders;
        await session.ExecuteAsync("UPDATE customers.merges SET result = @result WHERE id = @MergeId",
            new { request.MergeId, result = JsonSerializer.Serialize(moved, MergeRows.Json) }, cancellationToken);
        outbox.Add(new CustomersMerged(s, d, now));
        return (await MergeRows.GetAsync(session, request.MergeId, cancellationToken))!;
    }

    private async Task<int> MoveCartAsync(long s, long d, DateTimeOffset now, CancellationToken ct)
    {
        var dupCart = await session.ExecuteScalarAsync<long?>("SELECT id FROM customers.carts WHERE customer_id = @d AND status = 'Active'", new { d }, ct);
        var lines = dupCart is null ? 0 : await session.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM customers.cart_lines WHERE cart_id = @dupCart", new { dupCart }, ct);
        var survivorCart = await session.ExecuteScalarAsync<long?>("SELECT id FROM customers.carts WHERE customer_id = @s AND status = 'Active'", new { s }, ct);
        if (dupCart is not null && survivorCart is not null)
        {
            await session.ExecuteAsync(
                """
                INSERT INTO customers.cart_lines AS l (cart_id, sku, quantity, channel, added_at)
                SELECT @survivorCart, sku, quantity, channel, added_at FROM customers.cart_lines WHERE cart_id = @dupCart
                ON CONFLICT (cart_id, sku) DO UPDATE SET quantity = CASE WHEN l.quantity + excluded.quantity > 999 THEN 999 ELSE l.quantity + excluded.quantity END
                """, new { survivorCart, dupCart }, ct);
            await session.ExecuteAsync("DELETE FROM customers.cart_lines WHERE cart_id = @dupCart", new { dupCart }, ct);
            await session.ExecuteAsync("UPDATE customers.carts SET status = 'CheckedOut', checked_out_at = @now, order_number = 'merged' WHERE id = @dupCart", new { dupCart, now }, ct);
            await session.ExecuteAsync("UPDATE customers.carts SET updated_at = @now, abandoned_at = NULL WHERE id = @survivorCart", new { survivorCart, now }, ct);
        }
        // Closed carts (history) and, when the survivor had none, the active one simply change owner.
        await session.ExecuteAsync("UPDATE customers.carts SET customer_id = @s WHERE customer_id = @d", new { s, d }, ct);
        return lines;
    }

    private sealed class Pair
    {
        public long S { get; init; }
        public long D { get; init; }
    }

    private sealed class LiveRow
    {
        public long Id { get; init; }
        public string? Phone { get; init; }
        public string? Email { get; init; }
        public string? PasswordHash { get; init; }
        public long Points { get; init; }
        public long? MergedIntoId { get; init; }
    }
}
