using System.Security.Cryptography;
using System.Text;
using MediatR;
using OmniErp.Customers.Contracts;
using OmniErp.Kernel.Data;

namespace OmniErp.Customers.Accounts;

/// <summary>A signed-in customer's credentials: a short-lived access token and a longer-lived refresh token.</summary>
internal sealed record CustomerTokens(long CustomerId, string AccessToken, DateTimeOffset AccessExpiresAt, string RefreshToken, DateTimeOffset RefreshExpiresAt);

/// <summary>
/// Opaque bearer tokens: 256 random bits each, handed to the client once and stored only as SHA-256 hashes, so a
/// leaked table grants nothing. Revocation is a row update; no signing key to rotate or leak.
/// </summary>
internal static class TokenStore
{
    public static string NewToken(string prefix) => prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static async Task<CustomerTokens> IssueAsync(DbSession session, long customerId, StorefrontIdentityOptions options, DateTimeOffset now, CancellationToken ct)
    {
        var access = NewToken("cat_");
        var refresh = NewToken("crt_");
        var accessExpires = now + options.AccessTokenLifetime;
        var refreshExpires = now + options.RefreshTokenLifetime;
        await session.ExecuteAsync(
            """
            INSERT INTO customers.sessions (customer_id, access_hash, access_expires_at, refresh_hash, refresh_expires_at, created_at)
            VALUES (@customerId, @accessHash, @accessExpires, @refreshHash, @refreshExpires, @now)
            """,
            new { customerId, accessHash = Hash(access), accessExpires, refreshHash = Hash(refresh), refreshExpires, now }, ct);
        return new CustomerTokens(customerId, access, accessExpires, refresh, refreshExpires);
    }

    public static Task<int> RevokeAllAsync(DbSession session, long customerId, DateTimeOffset now, CancellationToken ct) =>
        session.ExecuteAsync("UPDATE customers.sessions SET revoked_at = @now WHERE customer_id = @customerId AND revoked_at IS NULL", new { customerId, now }, ct);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>The host turns <c>Authorization: Bearer …</c> into a customer with this.</summary>
internal sealed class AuthenticateCustomerHandler(DbSession session, TimeProvider clock) : IRequestHandler<AuthenticateCustomer, long?>
{
    public async Task<long?> Handle(AuthenticateCustomer request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.AccessToken) || request.AccessToken.Length > 200) return null;
        return await session.ExecuteScalarAsync<long?>(Sql, new { hash = TokenStore.Hash(request.AccessToken.Trim()), now = clock.GetUtcNow() }, cancellationToken);
    }

    /// <summary>The customer of a live access token (parameters <c>@hash</c>, <c>@now</c>).</summary>
    public const string Sql = """
        SELECT s.customer_id FROM customers.sessions s
        JOIN customers.customers c ON c.id = s.customer_id
        WHERE s.access_hash = @hash AND s.revoked_at IS NULL AND s.access_expires_at > @now AND c.merged_into_id IS NULL
        """;
}
