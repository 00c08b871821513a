namespace Failover.Local.Moto;

/// <summary>moto_server is not on PATH; the message says how to install it.</summary>
public sealed class MotoNotInstalledException()
    : Exception("moto_server was not found on PATH. The local stack runs on moto (a local AWS emulator). Install it with:\n" +
                "    pip install \"moto[server]\"\n" +
                "or point the stack at a running moto with --moto-url http://127.0.0.1:5000");
