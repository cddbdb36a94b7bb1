using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OmniErp.Customers.Profiles;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Messaging;

namespace OmniErp.Customers.Accounts;

/// <summary>
/// The outcome of a sign-in or a refresh. A refusal is a result, not an exception, because what it records (a failed
/// attempt, a lockout, a revoked token family) must be committed.
/// </summary>
internal sealed record TokenOutcome(CustomerTokens? Tokens, string? Failure)
{
    public const string InvalidCredentials = "INVALID_CREDENTIALS";
    public const string LockedOut = "LOCKED_OUT";
    public const string InvalidToken = "INVALID_TOKEN";
    public bool Succeeded => Tokens is not null;
    public static TokenOutcome Fail(string code) => new(null, code);
}

/// <summary>Sign-in with phone (any format) or email, and password. Repeated failures lock the account for a while.</summary>
internal sealed record SignInCustomer(string Login, string Password) : ICommand<TokenOutcome>;

internal sealed class SignInCustomerHandler(DbSession session, IOptions<CustomersOptions> options, TimeProvider clock, IPasswordHasher<Customer> hasher)
    : IRequestHandler<SignInCustomer, TokenOutcome>
{
    public async Task<TokenOutcome> Handle(SignInCustomer request, CancellationToken cancellationToken)
    {
        var identity = options.Value.Identity;
        var now = clock.GetUtcNow();
        var login = request.Login ?? "";
        var phone = PhoneNumber.Normalize(login);
        var email = phone is null ? EmailAddress.Normalize(login) : null;
        var account = await session.QuerySingleOrDefaultAsync<AccountRow>(
            "SELECT id AS Id, password_hash AS PasswordHash, locked_until AS LockedUntil FROM customers.customers WHERE (phone = @phone OR email = @email) AND password_hash IS NOT NULL"
            + CustomerDirectory.ForUpdate(session),
            new { phone, email }, cancellationToken);
        if (account is null || string.IsNullOrEmpty(request.Password))
        {
            // Spend the hashing time anyway, so response time does not tell which logins exist.
            hasher.VerifyHashedPassword(new Customer(), DummyHash.Value, request.Password ?? "");
            return TokenOutcome.Fail(TokenOutcome.InvalidCredentials);
        }
        if (account.LockedUntil is { } until && until > now) return TokenOutcome.Fail(TokenOutcome.LockedOut);

        var verdict = hasher.VerifyHashedPassword(new Customer(), account.PasswordHash!, request.Password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            var locked = await session.ExecuteScalarAsync<bool>(
                """
                UPDATE customers.customers SET
                    failed_sign_ins = CASE WHEN failed_sign_ins + 1 >= @max THEN 0 ELSE failed_sign_ins + 1 END,
                    locked_until = CASE WHEN failed_sign_ins + 1 >= @max THEN @lockedUntil ELSE locked_until END
                WHERE id = @Id
                RETURNING locked_until IS NOT NULL AND locked_until > @now
                """,
                new { account.Id, max = identity.MaxFailedSignIns, lockedUntil = now + identity.LockoutDuration, now }, cancellationToken);
            return TokenOutcome.Fail(locked ? TokenOutcome.LockedOut : TokenOutcome.InvalidCredentials);
        }

        var rehash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(new Customer(), request.Password) : null;
        await session.ExecuteAsync(
            "UPDATE customers.customers SET failed_sign_ins = 0, locked_until = NULL, password_hash = COALESCE(@rehash, password_hash) WHERE id = @Id",
            new { account.Id, rehash }, cancellationToken);
        return new TokenOutcome(await TokenStore.IssueAsync(session, account.Id, identity, now, cancellationToken), null);
    }

    private sealed class AccountRow
    {
        public long Id { get; init; }
        public string? PasswordHash { get; init; }
        public DateTimeOffset? LockedUntil { get; init; }
    }

    private static class DummyHash
    {
        public static readonly string Value = new PasswordHasher<Customer>().HashPassword(new Customer(), Guid.NewGuid().ToString());
    }
}

/// <summary>
/// Trades a refresh token for a new pair; the old pair stops working (rotation). A refresh token used twice means
/// it was copied: every session of that customer is revoked.
/// </summary>
internal sealed record RefreshCustomerToken(string RefreshToken) : ICommand<TokenOutcome>;

internal sealed class RefreshCustomerTokenHandler(DbSession session, IOptions<CustomersOptions> options, TimeProvider clock)
    : IRequestHandler<RefreshCustomerToken, TokenOutcome>
{
    public async Task<TokenOutcome> Handle(RefreshCustomerToken request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var hash = TokenStore.Hash(request.RefreshToken ?? "");
        var customerId = await session.ExecuteScalarAsync<long?>(
            """
            UPDATE customers.sessions SET revoked_at = @now
            WHERE refresh_hash = @hash AND revoked_at IS NULL AND refresh_expires_at > @now
            RETURNING customer_id
            """, new { hash, now }, cancellationToken);
        if (customerId is null)
        {
            var reused = await session.ExecuteScalarAsync<long?>(
                "SELECT customer_id FROM customers.sessions WHERE refresh_hash = @hash AND revoked_at IS NOT NULL", new { hash }, cancellationToken);
            if (reused is { } victim) await TokenStore.RevokeAllAsync(session, victim, now, cancellationToken);
            return TokenOutcome.Fail(TokenOutcome.InvalidToken);
        }
        var live = await CustomerDirectory.LiveIdAsync(session, customerId.Value, cancellationToken);
        if (live != customerId) return TokenOutcome.Fail(TokenOutcome.InvalidToken);
        return new TokenOutcome(await TokenStore.IssueAsync(session, customerId.Value, options.Value.Identity, now, cancellationToken), null);
    }
}

/// <summary>Ends the session an access token belongs to.</summary>
internal sealed record SignOutCustomer(string AccessToken) : ICommand<bool>;

internal sealed class SignOutCustomerHandler(DbSession session, TimeProvider clock) : IRequestHandler<SignOutCustomer, bool>
{
    public async Task<bool> Handle(SignOutCustomer request, CancellationToken cancellationToken) =>
        await session.ExecuteAsync("UPDATE customers.sessions SET revoked_at = @now WHERE access_hash = @hash AND revoked_at IS NULL",
            new { hash = TokenStore.Hash(request.AccessToken ?? ""), now = clock.GetUtcNow() }, cancellationToken) == 1;
}

/// <summary>Ends every session of a customer (sign out on all devices).</summary>
internal sealed record SignOutEverywhere(long CustomerId) : ICommand<int>;

internal sealed class SignOutEverywhereHandler(DbSession session, TimeProvider clock) : IRequestHandler<SignOutEverywhere, int>
{
    public Task<int> Handle(SignOutEverywhere request, CancellationToken cancellationToken) =>
        TokenStore.RevokeAllAsync(session, request.CustomerId, clock.GetUtcNow(), cancellationToken);
}
