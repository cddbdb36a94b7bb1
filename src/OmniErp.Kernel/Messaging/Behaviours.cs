using System.Diagnostics;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.Logging;
using OmniErp.Kernel.Data;
using OmniErp.Kernel.Errors;
using OmniErp.Kernel.Outbox;

namespace OmniErp.Kernel.Messaging;

/// <summary>Logs every request with its duration; failures the caller can act on are logged as information.</summary>
public sealed class LoggingBehaviour<TRequest, TResponse>(ILogger<LoggingBehaviour<TRequest, TResponse>> log) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var started = Stopwatch.GetTimestamp();
        var name = typeof(TRequest).Name;
        try
        {
            var response = await next();
            log.LogDebug("{Request} handled in {Elapsed:0.0} ms", name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (AppException ex)
        {
            log.LogInformation("{Request} refused in {Elapsed:0.0} ms: {Errors}", name, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.Message);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "{Request} failed in {Elapsed:0.0} ms", name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}

/// <summary>Runs the request's FluentValidation validators; any failure refuses the request before anything is written.</summary>
public sealed class ValidationBehaviour<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var errors = new List<Error>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(request, cancellationToken);
            errors.AddRange(result.Errors.Select(f => new Error(string.IsNullOrEmpty(f.ErrorCode) ? "INVALID" : f.ErrorCode, f.ErrorMessage, f.PropertyName)));
        }
        if (errors.Count > 0) throw AppException.Invalid(errors);
        return await next();
    }
}

/// <summary>
/// Wraps a command in one transaction on the request's connection, writes the outbox in it, and commits; any
/// exception rolls everything back. Nested commands join the outer transaction.
/// </summary>
public sealed class UnitOfWorkBehaviour<TRequest, TResponse>(DbSession session, OutboxBuffer outbox) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not ICommand<TResponse> || session.Transaction is not null) return await next();

        await session.BeginAsync(cancellationToken);
        try
        {
            var response = await next();
            await outbox.FlushAsync(cancellationToken);
            await session.CommitAsync(cancellationToken);
            return response;
        }
        catch
        {
            await session.RollbackAsync();
            throw;
        }
    }
}
