namespace Ensemble.Models.Augmentation;

/// <summary>An axis-aligned region of a [F, T] map: rows (mel bins) Top..Top+Height, columns (frames) Left..Left+Width.</summary>
public readonly record struct Rectangle(int Top, int Left, int Height, int Width)
{
    public int Area => Height * Width;
}
