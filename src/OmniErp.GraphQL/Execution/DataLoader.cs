namespace OmniErp.GraphQL;

/// <summary>
/// Batches the keys requested while the executor still has ready work into one call of the batch function,
/// and caches results per request. Obtain one with <see cref="ResolverContext.DataLoader{TKey,TValue}"/>.
/// </summary>
public sealed class DataLoader<TKey, TValue> : IDataLoaderDispatch where TKey : notnull
{
    private readonly Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> _batch;
    private readonly DataLoaderScope _scope;
    private readonly Dictionary<TKey, TaskCompletionSource<TValue?>> _cache = [];
    private List<TKey> _pending = [];
    private readonly Lock _lock = new();

    internal DataLoader(Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> batch, DataLoaderScope scope)
    {
        _batch = batch;
        _scope = scope;
    }

    /// <summary>Number of batch calls made so far in this request (useful in tests).</summary>
    public int BatchCount { get; private set; }

    /// <summary>Loads one value; keys missing from the batch result resolve to default.</summary>
    public Task<TValue?> LoadAsync(TKey key)
    {
        bool first;
        TaskCompletionSource<TValue?> tcs;
        lock (_lock)
        {
            if (_cache.TryGetValue(key, out var existing))
            {
                if (!existing.Task.IsCompleted) _scope.CallerWaiting();
                return existing.Task;
            }
            tcs = new TaskCompletionSource<TValue?>();
            _cache[key] = tcs;
            first = _pending.Count == 0;
            _pending.Add(key);
        }
        _scope.CallerWaiting();
        if (first) _scope.MarkPending(this);
        return tcs.Task;
    }

    /// <summary>Loads several values in one batch.</summary>
    public async Task<IReadOnlyList<TValue?>> LoadManyAsync(IEnumerable<TKey> keys)
    {
        var tasks = keys.Select(LoadAsync).ToArray();
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    bool IDataLoaderDispatch.Dispatch(CancellationToken cancellationToken)
    {
        List<TKey> keys;
        lock (_lock)
        {
            if (_pending.Count == 0) return false;
            keys = _pending;
            _pending = [];
        }
        BatchCount++;
        Task<IReadOnlyDictionary<TKey, TValue>> task;
        try { task = _batch(keys, cancellationToken); }
        catch (Exception e) { Fail(keys, e); return true; }
        if (task.IsCompleted) Complete(keys, task);
        else task.ContinueWith((t, state) => Complete((List<TKey>)state!, t), keys, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return true;
    }

    private void Complete(List<TKey> keys, Task<IReadOnlyDictionary<TKey, TValue>> task)
    {
        if (!task.IsCompletedSuccessfully) { Fail(keys, task.Exception?.InnerException ?? new OperationCanceledException()); return; }
        var results = task.Result;
        foreach (var key in keys)
        {
            TaskCompletionSource<TValue?> tcs;
            lock (_lock) tcs = _cache[key];
            tcs.TrySetResult(results.TryGetValue(key, out var v) ? v : default);
        }
    }

    private void Fail(List<TKey> keys, Exception e)
    {
        foreach (var key in keys)
        {
            TaskCompletionSource<TValue?> tcs;
            lock (_lock) tcs = _cache[key];
            tcs.TrySetException(e);
        }
    }
}

internal interface IDataLoaderDispatch
{
    bool Dispatch(CancellationToken cancellationToken);
}

/// <summary>The DataLoaders of one request; tells the executor when keys are waiting.</summary>
internal sealed class DataLoaderScope(Action onPending)
{
    private readonly Dictionary<string, object> _loaders = new(StringComparer.Ordinal);
    private readonly List<IDataLoaderDispatch> _pending = [];
    private readonly Lock _lock = new();

    public DataLoader<TKey, TValue> Get<TKey, TValue>(string name, Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> batch)
        where TKey : notnull
    {
        lock (_lock)
        {
            if (_loaders.TryGetValue(name, out var existing))
                return existing as DataLoader<TKey, TValue>
                    ?? throw new InvalidOperationException($"DataLoader \"{name}\" is already registered with other key/value types.");
            var loader = new DataLoader<TKey, TValue>(batch, this);
            _loaders[name] = loader;
            return loader;
        }
    }

    private int _keysRequested;
    private int _waitingCalls;

    /// <summary>Total load calls so far; the executor watches it to see whether keys are still trickling in.</summary>
    public int KeysRequested => Volatile.Read(ref _keysRequested);

    /// <summary>Load calls waiting for a batch that has not been dispatched yet.</summary>
    public int WaitingCalls => Volatile.Read(ref _waitingCalls);

    public void CallerWaiting()
    {
        Interlocked.Increment(ref _keysRequested);
        Interlocked.Increment(ref _waitingCalls);
    }

    public void MarkPending(IDataLoaderDispatch loader)
    {
        lock (_lock) _pending.Add(loader);
        onPending();
    }

    public bool HasPending
    {
        get { lock (_lock) return _pending.Count > 0; }
    }

    /// <summary>Dispatches every loader with waiting keys; returns false when none had any.</summary>
    public bool DispatchAll(CancellationToken cancellationToken)
    {
        IDataLoaderDispatch[] loaders;
        lock (_lock)
        {
            if (_pending.Count == 0) return false;
            loaders = [.. _pending];
            _pending.Clear();
            Volatile.Write(ref _waitingCalls, 0);
        }
        var any = false;
        foreach (var l in loaders) any |= l.Dispatch(cancellationToken);
        return any;
    }
}
