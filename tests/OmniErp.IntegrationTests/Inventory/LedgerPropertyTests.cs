using FsCheck;
using FsCheck.Fluent;
using OmniErp.Inventory.Adjustments;
using OmniErp.Inventory.Contracts;
using OmniErp.Inventory.Reservations;
using OmniErp.Inventory.StockCounts;
using OmniErp.Inventory.StockTransfers;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Errors;

namespace OmniErp.IntegrationTests.Inventory;

/// <summary>
/// Whatever sequence of receipts, adjustments, reservations (some expiring), releases, sales, transfers, counts and
/// returns happens, on hand equals the sum of the ledger and reserved equals the held reservations, on every row.
/// </summary>
public sealed class LedgerPropertyTests
{
    private static readonly string[] Locations = ["HN01", "WH01", "HCM01"];

    private abstract record Op;
    private sealed record Receive(int Sku, int Loc, int Qty) : Op;
    private sealed record Adjust(int Sku, int Loc, int Delta) : Op;
    private sealed record Reserve(int Sku, int Loc, int Qty, bool Expiring) : Op;
    private sealed record Release(int Index) : Op;
    private sealed record Consume(int Index) : Op;
    private sealed record Ship(int Sku, int From, int To, int Qty, bool Receive) : Op;
    private sealed record Count(int Sku, int Loc, int Counted) : Op;
    private sealed record Return(int Sku, int Loc, int Qty, bool Restock) : Op;
    private sealed record TimePasses : Op;

    private static Gen<Op> Ops()
    {
        var sku = Gen.Choose(0, 2);
        var loc = Gen.Choose(0, Locations.Length - 1);
        return Gen.OneOf(
            from s in sku from l in loc from q in Gen.Choose(1, 12) select (Op)new Receive(s, l, q),
            from s in sku from l in loc from d in Gen.Choose(-6, 6).Where(d => d != 0) select (Op)new Adjust(s, l, d),
            from s in sku from l in loc from q in Gen.Choose(1, 5) from e in Gen.Elements(true, false) select (Op)new Reserve(s, l, q, e),
            from s in sku from l in loc from q in Gen.Choose(1, 5) from e in Gen.Elements(true, false) select (Op)new Reserve(s, l, q, e),
            from i in Gen.Choose(0, 20) select (Op)new Release(i),
            from i in Gen.Choose(0, 20) select (Op)new Consume(i),
            from s in sku from f in loc from t in loc.Where(t => true) from q in Gen.Choose(1, 6) from r in Gen.Elements(true, false)
                select (Op)new Ship(s, f, t, q, r),
            from s in sku from l in loc from c in Gen.Choose(0, 15) select (Op)new Count(s, l, c),
            from s in sku from l in loc from q in Gen.Choose(1, 3) from r in Gen.Elements(true, false) select (Op)new Return(s, l, q, r),
            Gen.Constant((Op)new TimePasses()));
    }

    [SkippableTheory, Databases]
    public async Task On_hand_always_equals_the_sum_of_the_ledger(Db db)
    {
        var clock = new ManualClock(InventoryTestApp.T0);
        await using var app = await InventoryTestApp.StartAsync(db, clock);
        var run = 0;

        var property = Prop.ForAll(Arb.From(Gen.ListOf(Ops(), 30)), ops =>
        {
            var prefix = $"P{++run}-";
            Apply(app, clock, prefix, ops).GetAwaiter().GetResult();
            var findings = app.VerifyLedgerAsync().GetAwaiter().GetResult();
            return findings.Count == 0;
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(db == Db.Sqlite ? 40 : 25), property);
        Assert.Empty(await app.VerifyLedgerAsync());
    }

    private static async Task Apply(TestApp app, ManualClock clock, string prefix, IEnumerable<Op> ops)
    {
        var holds = new List<string>();
        foreach (var op in ops)
        {
            try
            {
                switch (op)
                {
                    case Receive r:
                        await app.ReceiveAsync(Locations[r.Loc], prefix + r.Sku, r.Qty, 10_000m * (1 + r.Qty % 3));
                        break;
                    case Adjust a:
                        await app.SendAsync(new AdjustStock(Locations[a.Loc], prefix + a.Sku, a.Delta, "property test"));
                        break;
                    case Reserve r:
                        var result = await app.SendAsync(new ReserveStock("web", Locations[r.Loc], $"{prefix}ord", [new StockLine(prefix + r.Sku, r.Qty)],
                            r.Expiring ? TimeSpan.FromMinutes(10) : null));
                        if (result.Succeeded) holds.Add(result.ReservationId!);
                        break;
                    case Release x when holds.Count > 0:
                        await app.SendAsync(new ReleaseReservation(holds[x.Index % holds.Count], "cancel"));
                        break;
                    case Consume x when holds.Count > 0:
                        await app.SendAsync(new ConsumeReservation(holds[x.Index % holds.Count]));
                        break;
                    case Ship s when s.From != s.To:
                        var id = await app.SendAsync(new ShipTransfer(Locations[s.From], Locations[s.To], [new StockLine(prefix + s.Sku, s.Qty)], "prop"));
                        if (s.Receive) await app.SendAsync(new ReceiveTransfer(id, "prop"));
                        break;
                    case Count c:
                        var count = await app.SendAsync(new StartCount(Locations[c.Loc], "prop", [prefix + c.Sku]));
                        await app.SendAsync(new RecordCount(count, [new CountedLine(prefix + c.Sku, c.Counted)]));
                        await app.SendAsync(new PostCount(count, "prop"));
                        break;
                    case Return r:
                        await app.SendAsync(new ReceiveReturn(Locations[r.Loc], $"{prefix}ret", [new StockLine(prefix + r.Sku, r.Qty)], r.Restock));
                        break;
                    case TimePasses:
                        clock.Advance(TimeSpan.FromMinutes(6));
                        await app.SendAsync(new ReleaseExpiredReservations());
                        break;
                }
            }
            catch (AppException)
            {
                // A refusal (not enough stock, already closed, below reserved) is a valid outcome; the invariant must hold either way.
            }
        }
    }
}
