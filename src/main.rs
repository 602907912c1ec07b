fn main() {
    std::process::exit(composelint::app::main());
}
