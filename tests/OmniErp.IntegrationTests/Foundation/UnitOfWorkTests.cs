using Dapper;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using OmniErp.Host.Identity;
using OmniErp.IntegrationTests.Infrastructure;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Messaging;
using OmniErp.Kernel.Outbox;

namespace OmniErp.IntegrationTests.Foundation;

/// <summary>Adds a staff row with EF Core, reads it back with Dapper in the same transaction, queues an event, maybe fails.</summary>
public sealed record AddProbeUser(string Email, bool FailAfterWriting) : ICommand<long>;

public sealed class AddProbeUserValidator : AbstractValidator<AddProbeUser>
{
    public AddProbeUserValidator() => RuleFor(c => c.Email).EmailAddress().WithMessage("Enter a valid email address.");
}

public sealed class AddProbeUserHandler(StaffDbContext db, DbSession session, IOutbox outbox) : IRequestHandler<AddProbeUser, long>
{
    public async Task<long> Handle(AddProbeUser request, CancellationToken cancellationToken)
    {
        db.Users.Add(new StaffUser { UserName = request.Email, Email = request.Email, NormalizedEmail = request.Email.ToUpperInvariant(), DisplayName = "Probe" });
        await db.SaveChangesAsync(cancellationToken);
        outbox.Add(new ProbeHappened(request.Email, 1));
        // Dapper on the same connection and transaction sees EF's uncommitted write.
        var seen = await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM identity.users WHERE email = @Email", new { request.Email }, cancellationToken);
        if (request.FailAfterWriting) throw AppException.Conflict("PROBE", "Failing on purpose after writing.");
        return seen;
    }
}

public sealed class UnitOfWorkTests
{
    private static void Register(IServiceCollection services)
    {
        EventTypes.Register([typeof(ProbeHappened)]);
        services.AddScoped<IRequestHandler<AddProbeUser, long>, AddProbeUserHandler>();
        services.AddScoped<IValidator<AddProbeUser>, AddProbeUserValidator>();
    }

    private static Task<long> CountAsync(TestApp app, string email) => app.InScopeAsync(async sp =>
    {
        var session = sp.GetRequiredService<DbSession>();
        return await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM identity.users WHERE email = @email", new { email })
             + await session.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM kernel.outbox WHERE payload LIKE @pattern", new { pattern = "%" + email + "%" });
    });

    [SkippableTheory, Databases]
    public async Task A_command_commits_its_EF_write_and_its_event_together_and_Dapper_sees_the_write_inside(Db db)
    {
        await using var app = await TestApp.StartAsync(db, services: Register);

        var seenInside = await app.SendAsync(new AddProbeUser("ok@test.vn", FailAfterWriting: false));

        Assert.Equal(1, seenInside);
        Assert.Equal(2, await CountAsync(app, "ok@test.vn"));
    }

    [SkippableTheory, Databases]
    public async Task A_command_that_fails_after_writing_leaves_nothing_behind(Db db)
    {
        await using var app = await TestApp.StartAsync(db, services: Register);

        await Assert.ThrowsAsync<AppException>(() => app.SendAsync(new AddProbeUser("fail@test.vn", FailAfterWriting: true)));

        Assert.Equal(0, await CountAsync(app, "fail@test.vn"));
    }

    [SkippableTheory, Databases]
    public async Task An_invalid_command_is_refused_with_its_field_before_anything_is_written(Db db)
    {
        await using var app = await TestApp.StartAsync(db, services: Register);

        var ex = await Assert.ThrowsAsync<AppException>(() => app.SendAsync(new AddProbeUser("not-an-email", FailAfterWriting: false)));

        Assert.Equal(ErrorKind.Validation, ex.Kind);
        Assert.Equal("Email", Assert.Single(ex.Errors).Field);
        Assert.Equal(0, await CountAsync(app, "not-an-email"));
    }
}
