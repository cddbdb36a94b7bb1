using System.Globalization;

namespace OmniErp.Kernel.Money;

/// <summary>An amount in one currency. Arithmetic across currencies is refused rather than guessed.</summary>
public readonly record struct Money(decimal Amount, Currency Currency) : IComparable<Money>
{
    public static Money Zero(Currency currency) => new(0m, currency);
    public static Money Of(decimal amount, string currency) => new(amount, Currency.Of(currency));

    public bool IsZero => Amount == 0m;
    public bool IsNegative => Amount < 0m;

    public static Money operator +(Money a, Money b) => new(a.Amount + b.Amount, Same(a, b));
    public static Money operator -(Money a, Money b) => new(a.Amount - b.Amount, Same(a, b));
    public static Money operator *(Money a, decimal factor) => new(a.Amount * factor, a.Currency);
    public static Money operator *(Money a, int quantity) => new(a.Amount * quantity, a.Currency);
    public static Money operator -(Money a) => new(-a.Amount, a.Currency);
    public static bool operator <(Money a, Money b) => a.CompareTo(b) < 0;
    public static bool operator >(Money a, Money b) => a.CompareTo(b) > 0;
    public static bool operator <=(Money a, Money b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Money a, Money b) => a.CompareTo(b) >= 0;

    public int CompareTo(Money other)
    {
        Same(this, other);
        return Amount.CompareTo(other.Amount);
    }

    public Money RoundToMinorUnit() => new(Currency.RoundToMinorUnit(Amount), Currency);
    public Money RoundPrice() => new(Currency.RoundPrice(Amount), Currency);
    public Money Max(Money other) => this >= other ? this : other;
    public Money Min(Money other) => this <= other ? this : other;
    public static Money Max(Money a, Money b) => a.Max(b);

    /// <summary>The VAT contained in a VAT-inclusive amount at the given rate (percent), rounded to the minor unit.</summary>
    public Money VatPart(decimal ratePercent) =>
        ratePercent == 0m ? Zero(Currency) : new Money(Currency.RoundToMinorUnit(Amount * ratePercent / (100m + ratePercent)), Currency);

    /// <summary>Splits the amount over weights so the parts sum exactly to the whole (largest remainder last).</summary>
    public IReadOnlyList<Money> Allocate(IReadOnlyList<decimal> weights)
    {
        var total = weights.Sum();
        var parts = new Money[weights.Count];
        if (weights.Count == 0) return parts;
        var remaining = Amount;
        for (var i = 0; i < weights.Count; i++)
        {
            var part = i == weights.Count - 1 || total == 0m
                ? (i == weights.Count - 1 ? remaining : 0m)
                : Currency.RoundToMinorUnit(Amount * weights[i] / total);
            parts[i] = new Money(part, Currency);
            remaining -= part;
        }
        return parts;
    }

    public string ToString(IFormatProvider? provider)
    {
        var culture = provider as CultureInfo ?? CultureInfo.CurrentCulture;
        var number = Amount.ToString("N" + Currency.MinorUnits, culture);
        return Currency.Code switch
        {
            "VND" => number + " ₫",
            "USD" => "$" + number,
            "EUR" => number + " €",
            _ => number + " " + Currency.Code,
        };
    }

    public override string ToString() => ToString(CultureInfo.CurrentCulture);

    private static Currency Same(Money a, Money b) =>
        a.Currency == b.Currency
            ? a.Currency
            : throw new InvalidOperationException($"Cannot combine {a.Currency} with {b.Currency}.");
}
