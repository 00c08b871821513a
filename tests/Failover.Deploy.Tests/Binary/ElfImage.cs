using System.Buffers.Binary;
using System.Text;

namespace Failover.Deploy.Tests.Binary;

/// <summary>One versioned symbol requirement of an ELF executable: a library and a version name (GLIBC_2.34).</summary>
public sealed record VersionNeed(string Library, string Version);

/// <summary>
/// The parts of a 64-bit little-endian ELF file a Lambda deployment depends on: its kind, its machine and the symbol
/// versions it needs from shared libraries (.gnu.version_r), which say the oldest glibc it can run on.
/// </summary>
public sealed class ElfImage
{
    public const ushort MachineX64 = 62;
    public const ushort MachineArm64 = 183;
    public const ushort TypeExecutable = 2;
    public const ushort TypeSharedObject = 3; // position-independent executables are this type too

    private const uint SectionVersionNeeds = 0x6ffffffe; // SHT_GNU_verneed

    private ElfImage(ushort type, ushort machine, IReadOnlyList<VersionNeed> needs)
    {
        Type = type;
        Machine = machine;
        VersionNeeds = needs;
    }

    public ushort Type { get; }

    public ushort Machine { get; }

    public IReadOnlyList<VersionNeed> VersionNeeds { get; }

    /// <summary>Reads <paramref name="path"/>; throws <see cref="InvalidDataException"/> naming what is not ELF64 about it.</summary>
    public static ElfImage Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 64 || bytes[0] != 0x7f || bytes[1] != (byte)'E' || bytes[2] != (byte)'L' || bytes[3] != (byte)'F')
            throw new InvalidDataException($"{path} is not an ELF file (no \\x7fELF magic)");
        if (bytes[4] != 2 || bytes[5] != 1)
            throw new InvalidDataException($"{path} is not a 64-bit little-endian ELF file (class {bytes[4]}, data {bytes[5]})");

        var span = bytes.AsSpan();
        var type = U16(span, 16);
        var machine = U16(span, 18);
        var sectionTable = checked((int)U64(span, 40));
        var sectionSize = U16(span, 58);
        var sectionCount = U16(span, 60);

        var needs = new List<VersionNeed>();
        for (var index = 0; index < sectionCount; index++)
        {
            var header = span.Slice(sectionTable + index * sectionSize, sectionSize);
            if (U32(header, 4) != SectionVersionNeeds) continue;
            var offset = checked((int)U64(header, 24));
            var strings = span.Slice(sectionTable + (int)U32(header, 40) * sectionSize, sectionSize);
            var stringTable = checked((int)U64(strings, 24));
            var entries = U32(header, 44);

            // Verneed entries (one per library), each with a chain of Vernaux entries (one per version name).
            var need = offset;
            for (var n = 0; n < entries; n++)
            {
                var library = Text(span, stringTable + (int)U32(span, need + 4));
                var aux = need + (int)U32(span, need + 8);
                for (var a = 0; a < U16(span, need + 2); a++)
                {
                    needs.Add(new VersionNeed(library, Text(span, stringTable + (int)U32(span, aux + 8))));
                    aux += (int)U32(span, aux + 12);
                }
                need += (int)U32(span, need + 12);
            }
        }
        return new ElfImage(type, machine, needs);
    }

    private static ushort U16(ReadOnlySpan<byte> span, int offset) => BinaryPrimitives.ReadUInt16LittleEndian(span[offset..]);
    private static uint U32(ReadOnlySpan<byte> span, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(span[offset..]);
    private static ulong U64(ReadOnlySpan<byte> span, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(span[offset..]);

    private static string Text(ReadOnlySpan<byte> span, int offset)
    {
        var end = span[offset..].IndexOf((byte)0);
        return Encoding.ASCII.GetString(span.Slice(offset, end));
    }
}
