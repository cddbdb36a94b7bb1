namespace OmniErp.Kernel.Money;

/// <summary>
/// An ISO 4217 currency with the facts money arithmetic needs: how many minor units it has and how a
/// retail price in it is rounded. VND has no minor unit and retail prices round to the nearest 100 đồng.
/// </summary>
public sealed record Currency
{
    public string Code { get; }
    public int MinorUnits { get; }

    /// <summary>The step a shelf price is rounded to (e.g. 100 for VND, 0.01 for USD).</summary>
    public decimal PriceStep { get; }

    private Currency(string code, int minorUnits, decimal priceStep)
    {
        Code = code;
        MinorUnits = minorUnits;
        PriceStep = priceStep;
    }

    public static readonly Currency VND = new("VND", 0, 100m);
    public static readonly Currency USD = new("USD", 2, 0.01m);
    public static readonly Currency EUR = new("EUR", 2, 0.01m);

    private static readonly Dictionary<string, Currency> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        [VND.Code] = VND,
        [USD.Code] = USD,
        [EUR.Code] = EUR,
    };

    public static Currency Of(string code) =>
        Known.TryGetValue(code ?? "", out var currency)
            ? currency
            : throw new ArgumentException($"Unknown or unsupported ISO 4217 currency '{code}'.", nameof(code));

    public static bool TryOf(string? code, out Currency currency)
    {
        if (code is not null && Known.TryGetValue(code, out var c)) { currency = c; return true; }
        currency = VND;
        return false;
    }

    /// <summary>Rounds an amount to the currency's minor unit (half away from zero, as cashiers do).</summary>
    public decimal RoundToMinorUnit(decimal amount) => Math.Round(amount, MinorUnits, MidpointRounding.AwayFromZero);

    /// <summary>The one place a computed shelf price is rounded: to the currency's price step.</summary>
    public decimal RoundPrice(decimal amount) =>
        Math.Round(amount / PriceStep, 0, MidpointRounding.AwayFromZero) * PriceStep;

    public override string ToString() => Code;
}
