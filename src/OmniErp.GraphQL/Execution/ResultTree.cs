using OmniErp.GraphQL.Types;

namespace OmniErp.GraphQL.Execution;

internal abstract class ResultNode(ResultNode? parent, int indexInParent, GType slotType)
{
    public ResultNode? Parent { get; } = parent;
    public int IndexInParent { get; } = indexInParent;
    /// <summary>Type of the position this node occupies in its parent.</summary>
    public GType SlotType { get; } = slotType;
    public bool Dead { get; set; }
    public abstract void Set(int index, object? value);
    public abstract object KeyAt(int index);

    public bool IsDetached
    {
        get
        {
            for (var n = this; n is not null; n = n.Parent) if (n.Dead) return true;
            return false;
        }
    }

    public static IReadOnlyList<object> PathOf(ResultNode container, int index)
    {
        var path = new List<object> { container.KeyAt(index) };
        for (var n = container; n.Parent is not null; n = n.Parent) path.Add(n.Parent.KeyAt(n.IndexInParent));
        path.Reverse();
        return path;
    }
}

internal sealed class ResultObject(ResultNode? parent, int indexInParent, GType slotType, FieldPlan[] fields) : ResultNode(parent, indexInParent, slotType)
{
    public FieldPlan[] Fields { get; } = fields;
    public object?[] Values { get; } = new object?[fields.Length];
    public override void Set(int index, object? value) => Values[index] = value;
    public override object KeyAt(int index) => Fields[index].ResponseName;
}

internal sealed class ResultList(ResultNode? parent, int indexInParent, GType slotType, int count) : ResultNode(parent, indexInParent, slotType)
{
    public object?[] Items { get; } = new object?[count];
    public override void Set(int index, object? value) => Items[index] = value;
    public override object KeyAt(int index) => index;
}
