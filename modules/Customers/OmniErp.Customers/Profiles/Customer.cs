namespace OmniErp.Customers.Profiles;

/// <summary>One person, whichever channels they buy on. Phone (E.164) and email are normalized and unique.</summary>
internal sealed class Customer
{
    public long Id { get; set; }
    public string Name { get; set; } = "";
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string GroupCode { get; set; } = "retail";
    public string Tier { get; set; } = "Member";
    public string FirstChannel { get; set; } = "";
    public long PointsBalance { get; set; }
    public string? PasswordHash { get; set; }
    public int FailedSignIns { get; set; }
    public DateTimeOffset? LockedUntil { get; set; }
    public long? MergedIntoId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class Address
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public string? Label { get; set; }
    public string Recipient { get; set; } = "";
    public string? Phone { get; set; }
    public string Line1 { get; set; } = "";
    public string? Ward { get; set; }
    public string? District { get; set; }
    public string Province { get; set; } = "";
    public bool IsDefault { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Marketing consent for one channel, given or withdrawn, with when and where (e.g. <c>store:HN01</c>, <c>web:sign-up</c>).</summary>
internal sealed class Consent
{
    public long Id { get; set; }
    public long CustomerId { get; set; }
    public string Channel { get; set; } = "";
    public bool Granted { get; set; }
    public string Source { get; set; } = "";
    public string RecordedBy { get; set; } = "system";
    public DateTimeOffset RecordedAt { get; set; }
}
