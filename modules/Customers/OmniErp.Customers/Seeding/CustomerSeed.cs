using System.Globalization;
using System.Text;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OmniErp.Catalog.Contracts;
using OmniErp.Customers.Loyalty;
using OmniErp.Customers.Profiles;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Modules;

namespace OmniErp.Customers.Seeding;

/// <summary>
/// A few thousand customers with Vietnamese names and mobile numbers, a third of them on more than one channel, with
/// loyalty history imported from the chain's previous POS (purchases 91–360 days before the demo's today, so they never
/// overlap the 90 days of orders the Orders module seeds), redemptions, consents, addresses, carts and wishlists.
/// Deterministic: everything comes from <see cref="DemoSeed.Random"/> and <see cref="DemoSeed.Now"/>.
/// </summary>
internal static class CustomerSeed
{
    public const string DemoPassword = "OmniErp-2026!";

    /// <summary>Storefront accounts a developer can sign in with (README).</summary>
    public static readonly IReadOnlyList<(string Phone, string Email, string Name)> DemoAccounts =
    [
        ("0912345678", "lan.nguyen@example.vn", "Nguyễn Thị Lan"),
        ("0987654321", "minh.tran@example.vn", "Trần Văn Minh"),
        ("0903111222", "hoa.le@example.vn", "Lê Thị Hoa"),
    ];

    private static readonly string[] Families = ["Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"];
    private static readonly string[] MiddlesFemale = ["Thị", "Ngọc", "Thu", "Thanh", "Hoài", "Bảo", "Minh", "Khánh"];
    private static readonly string[] MiddlesMale = ["Văn", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Gia", "Công"];
    private static readonly string[] GivenFemale = ["An", "Châu", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Ngân", "Nhung", "Phương", "Tâm", "Thảo", "Trang", "Trinh", "Vân", "Vy", "Yến"];
    private static readonly string[] GivenMale = ["Bình", "Dũng", "Hải", "Hiếu", "Hùng", "Khánh", "Long", "Minh", "Nam", "Phong", "Phúc", "Quân", "Quang", "Sơn", "Thắng", "Tú", "Tuấn", "Việt", "Đạt", "Khoa"];
    private static readonly string[] MobilePrefixes = ["32", "33", "34", "35", "36", "37", "38", "39", "70", "76", "77", "78", "79", "81", "82", "83", "84", "85", "86", "88", "89", "90", "91", "93", "94", "96", "97", "98", "99", "56", "58", "59"];
    private static readonly string[] MailDomains = ["gmail.com", "gmail.com", "gmail.com", "yahoo.com.vn", "outlook.com", "icloud.com"];
    private static readonly (string Province, string[] Districts)[] Places =
    [
        ("Hà Nội", ["Ba Đình", "Hoàn Kiếm", "Đống Đa", "Cầu Giấy", "Hai Bà Trưng", "Thanh Xuân"]),
        ("TP. Hồ Chí Minh", ["Quận 1", "Quận 3", "Quận 7", "Bình Thạnh", "Phú Nhuận", "Thủ Đức"]),
        ("Đà Nẵng", ["Hải Châu", "Thanh Khê", "Sơn Trà", "Ngũ Hành Sơn"]),
        ("Hải Phòng", ["Lê Chân", "Ngô Quyền"]),
        ("Cần Thơ", ["Ninh Kiều", "Cái Răng"]),
    ];
    private static readonly string[] Streets = ["Lê Lợi", "Trần Hưng Đạo", "Nguyễn Huệ", "Hai Bà Trưng", "Lý Thường Kiệt", "Phan Chu Trinh", "Điện Biên Phủ", "Nguyễn Trãi", "Lê Duẩn", "Bạch Đằng"];
    private static readonly string[] Stores = ["HN01", "HCM01", "DN01"];

    public static async Task SeedAsync(IServiceProvider services, DemoSeed seed, CancellationToken ct)
    {
        var session = services.GetRequiredService<DbSession>();
        var loyalty = services.GetRequiredService<IOptions<CustomersOptions>>().Value.Loyalty;
        var mediator = services.GetRequiredService<IMediator>();
        var random = seed.Random;
        var now = seed.Now;
        var count = seed.Scaled(3000);

        IReadOnlyList<SkuInfo> skus;
        try { skus = await mediator.Send(new ListSkus(0, 300, ProductStatus.Active), ct); }
        catch (InvalidOperationException) { skus = []; }

        var passwordHash = new PasswordHasher<Customer>().HashPassword(new Customer(), DemoPassword);
        var customers = new List<object?[]>();
        var channels = new List<object?[]>();
        var consents = new List<object?[]>();
        var addresses = new List<object?[]>();
        var purchases = new List<object?[]>();
        var ledger = new List<object?[]>();
        var balances = new long[count + 1];
        var phones = new HashSet<string>(StringComparer.Ordinal);
        var emails = new HashSet<string>(StringComparer.Ordinal);
        var legacyOrder = 0L;

        for (var id = 1; id <= count; id++)
        {
            string name, phone;
            string? email;
            var demo = id <= DemoAccounts.Count ? DemoAccounts[id - 1] : default;
            if (demo.Phone is not null)
            {
                (name, phone, email) = (demo.Name, PhoneNumber.Normalize(demo.Phone)!, demo.Email);
            }
            else
            {
                var female = random.Next(100) < 58;
                name = $"{Pick(random, Families)} {Pick(random, female ? MiddlesFemale : MiddlesMale)} {Pick(random, female ? GivenFemale : GivenMale)}";
                do phone = "+84" + Pick(random, MobilePrefixes) + random.Next(0, 10_000_000).ToString("D7", CultureInfo.InvariantCulture);
                while (phones.Contains(phone));
                email = random.Next(100) < 40 ? $"{Ascii(name.Split(' ')[^1])}.{Ascii(name.Split(' ')[0])}{random.Next(1, 999)}@{Pick(random, MailDomains)}" : null;
                if (email is not null && emails.Contains(email)) email = null;
            }
            phones.Add(phone);
            if (email is not null) emails.Add(email);

            // Channels: 55 % start in a store, 30 % on the web, 15 % on the marketplace; a third also use another.
            var first = random.Next(100) switch { < 55 => "store", < 85 => "web", _ => "shopee" };
            var used = new List<string> { first };
            if (random.Next(100) < 35) used.Add(first == "store" ? (random.Next(3) == 0 ? "shopee" : "web") : "store");
            if (random.Next(100) < 8) used.AddRange(new[] { "store", "web", "shopee" }.Except(used).Take(1));
            var created = now.AddDays(-random.Next(95, 720)).AddMinutes(-random.Next(0, 1440));
            var group = random.Next(100) switch { < 2 => "staff", < 5 => "vip", < 7 => "wholesale", _ => "retail" };
            customers.Add([id, name, phone, email, group, Tiers.Member, first, 0L, demo.Phone is null ? null : passwordHash, 0, null, created, created]);

            // Legacy history: 0–8 paid orders 91–360 days ago, on the channels this customer uses.
            var orders = random.Next(100) < 15 ? 0 : random.Next(1, 9);
            var lastSeen = used.ToDictionary(c => c, _ => created);
            for (var o = 0; o < orders; o++)
            {
                var channel = used[random.Next(used.Count)];
                var paidAt = now.AddDays(-random.Next(91, 361)).AddMinutes(-random.Next(0, 1440));
                var amount = Math.Round((decimal)Math.Exp(11.5 + random.NextDouble() * 3.0) / 1000m) * 1000m; // ~100 k – 2 M ₫
                var points = LoyaltyRules.PointsFor(amount, loyalty);
                var orderId = --legacyOrder; // negative ids: imported orders, never Orders-module ids
                purchases.Add([orderId, $"LEGACY-{-orderId:D6}", id, channel, loyalty.Currency, amount, 0m, points, paidAt]);
                if (points > 0)
                {
                    ledger.Add([id, PointKinds.Earn, points, $"order:{orderId}:earn", orderId, paidAt]);
                    balances[id] += points;
                }
                if (paidAt > lastSeen[channel]) lastSeen[channel] = paidAt;
            }
            // A fifth redeem part of their points at some point.
            if (balances[id] >= 50 && random.Next(100) < 20)
            {
                var redeem = (int)(balances[id] * random.Next(20, 80) / 100);
                ledger.Add([id, PointKinds.Redeem, -redeem, $"redeem:LEGACY-R{id:D6}", null, now.AddDays(-random.Next(91, 100))]);
                balances[id] -= redeem;
            }
            customers[^1][7] = balances[id];
            foreach (var c in used) channels.Add([id, c, created, lastSeen[c]]);

            var source = first switch { "store" => "store:" + Pick(random, Stores), "web" => "web:sign-up", _ => "shopee:checkout" };
            consents.Add([id, first, random.Next(100) < 60, source, created]);
            if (random.Next(100) < 50)
            {
                var (province, districts) = Places[random.Next(Places.Length)];
                addresses.Add([id, "Nhà", name, phone, $"{random.Next(1, 400)} {Pick(random, Streets)}", $"Phường {random.Next(1, 15)}", Pick(random, districts), province, true, created]);
            }
        }

        await session.BeginAsync(ct);
        await BulkInsert.InsertAsync(session, "customers.customers",
            ["id", "name", "phone", "email", "group_code", "tier", "first_channel", "points_balance", "password_hash", "failed_sign_ins", "locked_until", "created_at", "updated_at"], customers, ct);
        await BulkInsert.ContinueIdentityAsync(session, "customers.customers", ct);
        await BulkInsert.InsertAsync(session, "customers.customer_channels", ["customer_id", "channel", "first_seen_at", "last_seen_at"], channels, ct);
        await BulkInsert.InsertAsync(session, "customers.consents", ["customer_id", "channel", "granted", "source", "recorded_at"], consents, ct);
        await BulkInsert.InsertAsync(session, "customers.addresses", ["customer_id", "label", "recipient", "phone", "line1", "ward", "district", "province", "is_default", "created_at"], addresses, ct);
        await BulkInsert.InsertAsync(session, "customers.purchases", ["order_id", "number", "customer_id", "channel", "currency", "amount", "refunded", "points_earned", "paid_at"], purchases, ct);
        await BulkInsert.InsertAsync(session, "customers.points_ledger", ["customer_id", "kind", "points", "reference", "order_id", "occurred_at"], ledger, ct);
        await SeedCartsAndWishlistsAsync(session, random, now, count, skus, ct);
        await TierCalculator.RecalculateAsync(session, loyalty, now, null, ct);
        await session.CommitAsync(ct);
    }

    private static async Task SeedCartsAndWishlistsAsync(DbSession session, Random random, DateTimeOffset now, int customers, IReadOnlyList<SkuInfo> skus, CancellationToken ct)
    {
        if (skus.Count == 0) return;
        var carts = new List<object?[]>();
        var lines = new List<object?[]>();
        var wishes = new List<object?[]>();
        var cartCustomers = Enumerable.Range(1, customers).OrderBy(_ => random.Next()).Take(Math.Max(3, customers / 50)).ToList();
        var cartId = 0;
        foreach (var customer in cartCustomers)
        {
            cartId++;
            var channel = random.Next(3) == 0 ? "store" : "web";
            var updated = now.AddMinutes(-random.Next(10, 60 * 72));
            var abandoned = updated < now.AddHours(-4) ? updated.AddHours(4) : (DateTimeOffset?)null;
            carts.Add([cartId, customer, "Active", channel, updated.AddMinutes(-30), updated, abandoned]);
            foreach (var sku in Enumerable.Range(0, random.Next(1, 4)).Select(_ => skus[random.Next(skus.Count)].Sku).Distinct())
                lines.Add([cartId, sku, random.Next(1, 3), channel, updated.AddMinutes(-random.Next(0, 30))]);
        }
        foreach (var customer in Enumerable.Range(1, customers).OrderBy(_ => random.Next()).Take(Math.Max(3, customers / 12)))
            foreach (var sku in Enumerable.Range(0, random.Next(1, 4)).Select(_ => skus[random.Next(skus.Count)].Sku).Distinct())
                wishes.Add([customer, sku, "web", now.AddDays(-random.Next(1, 60)), null, null]);

        await BulkInsert.InsertAsync(session, "customers.carts", ["id", "customer_id", "status", "channel", "created_at", "updated_at", "abandoned_at"], carts, ct);
        await BulkInsert.ContinueIdentityAsync(session, "customers.carts", ct);
        await BulkInsert.InsertAsync(session, "customers.cart_lines", ["cart_id", "sku", "quantity", "channel", "added_at"], lines, ct);
        await BulkInsert.InsertAsync(session, "customers.wishlist_items", ["customer_id", "sku", "channel", "added_at", "seen_price", "in_stock"], wishes, ct);
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    private static string Ascii(string text)
    {
        var folded = new StringBuilder();
        foreach (var c in text.Replace('Đ', 'D').Replace('đ', 'd').Normalize(NormalizationForm.FormD))
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) folded.Append(char.ToLowerInvariant(c));
        return folded.ToString();
    }
}
