fn main() -> std::process::ExitCode {
    persona::cli::main()
}
