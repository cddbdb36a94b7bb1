namespace OmniErp.Customers;

/// <summary>Bound from the <c>Customers</c> configuration section.</summary>
internal sealed class CustomersOptions
{
    public const string Section = "Customers";

    public LoyaltyOptions Loyalty { get; set; } = new();
    public StorefrontIdentityOptions Identity { get; set; } = new();
    public CartOptions Carts { get; set; } = new();
}

internal sealed class LoyaltyOptions
{
    /// <summary>The currency points are earned in and worth; orders in another currency earn nothing.</summary>
    public string Currency { get; set; } = "VND";

    /// <summary>Amount paid per point earned (10 000 ₫ → 1 point).</summary>
    public decimal AmountPerPoint { get; set; } = 10_000m;

    /// <summary>What one point is worth when redeemed (1 point → 100 ₫, i.e. 1 % back).</summary>
    public decimal PointValue { get; set; } = 100m;

    /// <summary>Points lapse this long after they were earned (oldest first).</summary>
    public int ExpireAfterDays { get; set; } = 365;

    /// <summary>Rolling 12-month spend from which each tier starts, in <see cref="Currency"/>.</summary>
    public decimal SilverFrom { get; set; } = 5_000_000m;
    public decimal GoldFrom { get; set; } = 15_000_000m;
    public decimal PlatinumFrom { get; set; } = 40_000_000m;

    /// <summary>How often the background sweep expires points and recomputes tiers (zero: never; the CLI verb still works).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(6);
}

internal sealed class StorefrontIdentityOptions
{
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);
    public int MaxFailedSignIns { get; set; } = 5;
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
    public int MinPasswordLength { get; set; } = 8;
}

internal sealed class CartOptions
{
    /// <summary>A cart with items untouched this long is abandoned (one reminder event per idle spell).</summary>
    public TimeSpan AbandonAfter { get; set; } = TimeSpan.FromHours(4);

    /// <summary>How often the background sweep looks for abandoned carts (zero: never).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);
}
