"""The AWS CLI for the end-to-end tests, kept running: one command per line on stdin, its answer as one JSON line.

Starting `aws` costs about a second of processor time (importing awscli and botocore), and the tests run hundreds of
commands on a 2-core machine. Here each command still gets a fresh CLI driver (a new botocore session: no state is
carried from one command to the next) and talks HTTP to the stack as `aws` does; only the import is paid once.
Request: {"args": [...]}; answer: {"code": N, "out": "...", "err": "..."}.
"""
import io
import json
import sys

try:
    from awscli.clidriver import create_clidriver
except ImportError as missing:  # an AWS CLI without its Python package (v2's installer): the caller runs `aws` itself
    print(f"awscli cannot be imported: {missing}", file=sys.stderr)
    sys.exit(3)


def run(args):
    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding="utf-8", write_through=True)
    err = io.TextIOWrapper(err_bytes, encoding="utf-8", write_through=True)
    saved = sys.stdin, sys.stdout, sys.stderr
    # stdin is this host's request channel: a command must not read it.
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(""), out, err
    try:
        code = create_clidriver().main(args)
    except SystemExit as exit_:  # argument errors end in SystemExit, as they end `aws`
        code = exit_.code if isinstance(exit_.code, int) else 1
    except Exception as error:  # noqa: BLE001 - any failure is the command's answer, not the host's end
        err.write(f"{type(error).__name__}: {error}\n")
        code = 255
    finally:
        out.flush()
        err.flush()
        sys.stdin, sys.stdout, sys.stderr = saved
    return code, out_bytes.getvalue().decode("utf-8", "replace"), err_bytes.getvalue().decode("utf-8", "replace")


def main():
    channel = sys.stdout
    channel.write("ready\n")
    channel.flush()
    for line in sys.stdin:
        if not line.strip():
            continue
        code, out, err = run(json.loads(line)["args"])
        channel.write(json.dumps({"code": code, "out": out, "err": err}) + "\n")
        channel.flush()


if __name__ == "__main__":
    main()
