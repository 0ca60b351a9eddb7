// Inventory service for the shop sample: stock levels in Postgres, prices from the pricing API.
package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/url"
	"os"
	"time"

	_ "github.com/lib/pq"
)

type server struct {
	db      *sql.DB
	pricing *http.Client
}

type stockLevel struct {
	Warehouse string `json:"warehouse"`
	Available int    `json:"available"`
}

// loadPriceList warms the price list once at start-up.
func loadPriceList() (map[string]int, error) {
	resp, err := http.Get(os.Getenv("PRICING_URL") + "/prices")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("pricing: %s", resp.Status)
	}
	prices := map[string]int{}
	return prices, json.NewDecoder(resp.Body).Decode(&prices)
}

func (s *server) priceFor(ctx context.Context, sku string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, os.Getenv("PRICING_URL")+"/prices/"+url.PathEscape(sku), nil)
	if err != nil {
		return 0, err
	}
	resp, err := s.pricing.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	var body struct {
		Cents int `json:"cents"`
	}
	return body.Cents, json.NewDecoder(resp.Body).Decode(&body)
}

func (s *server) handleStock(w http.ResponseWriter, r *http.Request) {
	sku := r.PathValue("sku")
	rows, err := s.db.QueryContext(r.Context(), "SELECT warehouse, available FROM stock WHERE sku = $1", sku)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer rows.Close()
	total := 0
	levels := []stockLevel{}
	for rows.Next() {
		var l stockLevel
		if err := rows.Scan(&l.Warehouse, &l.Available); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		total += l.Available
		levels = append(levels, l)
	}
	price, err := s.priceFor(r.Context(), sku)
	if err != nil {
		log.Printf("price for %s unavailable: %v", sku, err)
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"sku": sku, "available": total, "warehouses": levels, "priceCents": price})
}

func (s *server) handleReservation(w http.ResponseWriter, r *http.Request) {
	var in struct {
		SKU      string `json:"sku"`
		Quantity int    `json:"quantity"`
		OrderID  string `json:"orderId"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	_, err := s.db.ExecContext(r.Context(), "INSERT INTO reservations (order_id, sku, quantity) VALUES ($1, $2, $3)", in.OrderID, in.SKU, in.Quantity)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusCreated)
}

func main() {
	db, err := sql.Open("postgres", os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()

	if prices, err := loadPriceList(); err != nil {
		log.Printf("price list not loaded: %v", err)
	} else {
		log.Printf("loaded %d prices", len(prices))
	}

	s := &server{db: db, pricing: &http.Client{Timeout: 3 * time.Second}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /stock/{sku}", s.handleStock)
	mux.HandleFunc("POST /reservations", s.handleReservation)
	log.Println("inventory listening on :8080")
	log.Fatal(http.ListenAndServe(":8080", mux))
}
