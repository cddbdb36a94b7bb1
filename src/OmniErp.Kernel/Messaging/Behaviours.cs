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
            if (log.IsEnabled(LogLevel.Debug)) // every request passes here: nothing boxed when nobody listens
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
        List<Error>? errors = null;
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(request, cancellationToken);
            if (!result.IsValid)
                (errors ??= []).AddRange(result.Errors.Select(f => new Error(string.IsNullOrEmpty(f.ErrorCode) ? "INVALID" : f.ErrorCode, f.ErrorMessage, f.PropertyName)));
        }
        if (errors is not null) throw AppException.Invalid(errors);
        return await next();
    }
}

/// <summary>
/// Wraps a command in one unit of work: one transaction on the request's connection with the outbox written in it;
/// any exception rolls everything back. Nested commands join the outer transaction. A staged command opens its unit of
/// work itself, after its reads.
/// </summary>
public sealed class UnitOfWorkBehaviour<TRequest, TResponse>(UnitOfWork unitOfWork) : IPipelineBehavior<TRequest, TResponse>
{
    public Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next) =>
        request is ICommand<TResponse> and not IStagedCommand<TResponse>
            ? unitOfWork.RunAsync(() => next(), cancellationToken)
            : next();
}

/// <summary>The request's unit of work: one transaction around some writes, with the outbox written before the commit.</summary>
public sealed class UnitOfWork(DbSession session, OutboxBuffer outbox)
{
    /// <summary>Runs <paramref name="work"/> in a new transaction and commits it, or joins the transaction already open.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken ct)
    {
        if (session.Transaction is not null) return await work();

        await session.BeginAsync(ct);
        try
        {
            var result = await work();
            await outbox.FlushAsync(ct);
            await session.CommitAsync(ct);
            return result;
        }
        catch
        {
            await session.RollbackAsync();
            throw;
        }
    }
}
