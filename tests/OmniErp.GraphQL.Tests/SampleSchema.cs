namespace OmniErp.GraphQL.Tests;

public sealed record Author(string Id, string Name);
public sealed record Book(string Id, string Title, string AuthorId, int Pages, decimal Price, Genre Genre, DateTimeOffset Published);
public enum Genre { Fiction, NonFiction, ScienceFiction }
public sealed record BookInput(string Title, string AuthorId, int Pages, decimal Price);

/// <summary>A small non-retail schema composed by two "modules" (Library and Reviews), used by HTTP and execution tests.</summary>
public static class SampleSchema
{
    public static readonly Author[] Authors = [new("a1", "Ursula"), new("a2", "Isaac"), new("a3", "Octavia")];

    public static List<Book> Books() =>
    [
        new("b1", "The Dispossessed", "a1", 387, 12.50m, Genre.ScienceFiction, new DateTimeOffset(1974, 5, 1, 0, 0, 0, TimeSpan.Zero)),
        new("b2", "Foundation", "a2", 255, 9.99m, Genre.ScienceFiction, new DateTimeOffset(1951, 6, 1, 0, 0, 0, TimeSpan.Zero)),
        new("b3", "Kindred", "a3", 264, 11m, Genre.Fiction, new DateTimeOffset(1979, 6, 1, 0, 0, 0, TimeSpan.Zero)),
    ];

    public static Schema Build(List<Book>? books = null, Action<int>? onAuthorBatch = null)
    {
        books ??= Books();
        var b = new SchemaBuilder();
        // Module "Library"
        b.Scalar("Decimal", "A decimal number", v => v, v => v switch
        {
            decimal d => d,
            long l => (decimal)l,
            double x => (decimal)x,
            string s when decimal.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var d) => d,
            _ => throw new ScalarCoercionException($"Decimal cannot represent {v}"),
        });
        b.Scalar("DateTime", "ISO-8601 date and time", v => ((DateTimeOffset)v).ToString("O"),
            v => v is string s && DateTimeOffset.TryParse(s, out var d) ? d : throw new ScalarCoercionException("DateTime must be an ISO-8601 string"),
            specifiedByUrl: "https://scalars.graphql.org/andimarek/date-time");
        b.Enum<Genre>("Genre", "Kinds of books");
        b.Interface("Node", "Something with an id", t => t.Field("id", "ID!"));
        b.Object("Book", "A book", t =>
        {
            t.Implements("Node").IsTypeOf<Book>();
            t.Field("id", "ID!");
            t.Field("title", "String!", ctx => ctx.Parent<Book>().Title);
            t.Field("pages", "Int!");
            t.Field("price", "Decimal!");
            t.Field("genre", "Genre!");
            t.Field("published", "DateTime!");
            t.Field("isbn", "String", _ => (string?)null).Deprecated("Use id");
            t.Field("author", "Author", async ctx =>
                await ctx.DataLoader<string, Author>("authors", (keys, ct) =>
                {
                    onAuthorBatch?.Invoke(keys.Count);
                    return Task.FromResult<IReadOnlyDictionary<string, Author>>(Authors.Where(a => keys.Contains(a.Id)).ToDictionary(a => a.Id));
                }).LoadAsync(ctx.Parent<Book>().AuthorId));
        });
        b.Object("Author", "A writer", t =>
        {
            t.Implements("Node").IsTypeOf<Author>();
            t.Field("id", "ID!");
            t.Field("name", "String!");
            t.Field("books", "[Book!]!", ctx => books.Where(x => x.AuthorId == ctx.Parent<Author>().Id));
        });
        b.Union("SearchResult", "Books or authors", ["Book", "Author"]);
        b.InputObject("BookInput", "A new book", i => i.Field("title", "String!").Field("authorId", "ID!").Field("pages", "Int", 100).Field("price", "Decimal!"));
        b.InputObject("BookKey", "Find a book by one key", i => i.Field("id", "ID").Field("title", "String").IsOneOf());
        b.Query(q =>
        {
            q.Field("hello", "String!", _ => "world");
            q.Field("books", "[Book!]!", ctx => books.Take(ctx.ArgumentOrDefault("first", 10)))
                .Argument("first", "Int", defaultValue: 10).Cost(2);
            q.Field("book", "Book", ctx =>
            {
                var key = ctx.Argument<Dictionary<string, object?>>("key");
                return books.FirstOrDefault(x => key.TryGetValue("id", out var id) ? x.Id == (string?)id : x.Title == (string?)key["title"]);
            }).Argument("key", "BookKey!");
            q.Field("node", "Node", ctx => (object?)books.FirstOrDefault(x => x.Id == ctx.Argument<string>("id")) ?? Authors.FirstOrDefault(a => a.Id == ctx.Argument<string>("id")))
                .Argument("id", "ID!");
            q.Field("search", "[SearchResult!]!", ctx =>
            {
                var term = ctx.Argument<string>("term");
                return books.Where(x => x.Title.Contains(term, StringComparison.OrdinalIgnoreCase)).Cast<object>()
                    .Concat(Authors.Where(a => a.Name.Contains(term, StringComparison.OrdinalIgnoreCase)));
            }).Argument("term", "String!");
            q.Field("fail", "String", Fail).Argument("code", "String");
            q.Field("echo", "String", ctx => ctx.HasArgument("value") ? $"[{ctx.Arguments["value"] ?? "null"}]" : "absent").Argument("value", "String");
            q.Field("channel", "String", ctx => ctx.Items.TryGetValue("channel", out var c) ? c as string : null);
            q.Field("slow", "String", async ctx => { await Task.Delay(5000, ctx.CancellationToken); return "late"; });
        });
        // Module "Reviews": extends Book by name and adds its own root fields, without seeing Library's C# code.
        b.Extend("Book", t => t.Field("rating", "Float", ctx => ctx.Parent<Book>().Pages / 100.0));
        b.Mutation(m => m.Field("addBook", "Book!", ctx =>
        {
            var input = ctx.Argument<BookInput>("input");
            var book = new Book($"b{books.Count + 1}", input.Title, input.AuthorId, input.Pages, input.Price, Genre.Fiction, DateTimeOffset.UnixEpoch);
            books.Add(book);
            return book;
        }).Argument("input", "BookInput!"));
        return b.Build();
    }

    private static string? Fail(ResolverContext ctx) =>
        ctx.ArgumentOrDefault<string?>("code", null) is { } code ? throw new GraphQLException("Failed on purpose", code) : throw new InvalidOperationException("secret internals");
}
