namespace OmniErp.GraphQL.Execution;

/// <summary>Per-request executor state: the ready queue, DataLoader dispatch and errors. Result writes happen on one logical thread.</summary>
internal sealed class ExecutionState
{
    private readonly Queue<Action> _ready = new();
    private readonly Lock _lock = new();
    private TaskCompletionSource? _wake;

    public ExecutionState(Schema schema, Planner planner, IServiceProvider services, IDictionary<string, object?> items, CancellationToken ct)
    {
        Schema = schema;
        Planner = planner;
        Services = services;
        Items = items;
        CancellationToken = ct;
    }

    public Schema Schema { get; }
    public Planner Planner { get; }
    public IServiceProvider Services { get; }
    public IDictionary<string, object?> Items { get; }
    public CancellationToken CancellationToken { get; }
    private DataLoaderScope? _loaders;
    public DataLoaderScope Loaders => _loaders ??= new DataLoaderScope(Wake);
    private bool HasLoaderWork => _loaders is { HasPending: true };
    public List<GraphQLError> Errors { get; } = [];
    public int Pending;
    public IReadOnlyDictionary<string, object?>? Variables { get; init; }
    public Func<Exception, GraphQLException?>? TranslateException { get; init; }

    public void Enqueue(Action work)
    {
        TaskCompletionSource? wake;
        lock (_lock)
        {
            _ready.Enqueue(work);
            wake = _wake;
            _wake = null;
        }
        wake?.TrySetResult();
    }

    private void Wake()
    {
        TaskCompletionSource? wake;
        lock (_lock) { wake = _wake; _wake = null; }
        wake?.TrySetResult();
    }

    private bool HasReadyWork
    {
        get { lock (_lock) return _ready.Count > 0; }
    }

    /// <summary>Runs ready work; when none is left, dispatches DataLoaders; otherwise waits for async resolvers.</summary>
    public async Task RunUntilIdleAsync()
    {
        while (true)
        {
            while (true)
            {
                Action? work;
                lock (_lock) _ready.TryDequeue(out work);
                if (work is null) break;
                work();
            }
            if (Pending == 0) return;
            if (HasLoaderWork)
            {
                // When every pending resolver is waiting on a DataLoader, dispatch now. Otherwise some async
                // resolvers may still be on their way to LoadAsync (e.g. after an await): give them a moment while
                // new keys keep arriving, then dispatch everything collected as one batch per loader.
                for (int i = 0, stable = 0; i < 16 && stable < 2 && Loaders.WaitingCalls < Pending; i++)
                {
                    var before = Loaders.KeysRequested;
                    await Task.Yield();
                    if (HasReadyWork) break;
                    stable = Loaders.KeysRequested == before ? stable + 1 : 0;
                }
                if (HasReadyWork) continue;
                if (Loaders.DispatchAll(CancellationToken)) continue;
            }
            Task waitFor;
            lock (_lock)
            {
                if (_ready.Count > 0 || HasLoaderWork) continue;
                _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                waitFor = _wake.Task;
            }
            await waitFor.WaitAsync(CancellationToken).ConfigureAwait(false);
        }
    }
}
