fn main() {
    println!("cable-reader");
}
