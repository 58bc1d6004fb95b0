-- Natural keys are looked up, so the surrogate keys are never written by hand.
SET NOCOUNT ON;

INSERT INTO sales.Customer (FullName, Email, City) VALUES
  (N'Amara Okafor', N'amara@example.ng', N'Lagos'),
  (N'Lucía Fernández', N'lucia@example.es', N'Sevilla'),
  (N'Tom Baker', N'tom.baker@example.co.uk', N'Leeds'),
  (N'Ada Lovelace', N'ada@example.com', N'London'),
  (N'Ingrid Berg', N'ingrid@example.no', N'Bergen'),
  (N'Ravi Iyer', N'ravi.iyer@example.in', N'Chennai'),
  (N'Grace Hopper', N'grace@example.com', N'New York'),
  (N'Kenji Sato', N'kenji@example.jp', N'Osaka'),
  (N'Zoë Müller', N'zoe.mueller@example.de', N'Berlin'),
  (N'Seán O''Brien', N'sean.obrien@example.ie', N'Dublin');

INSERT INTO sales.Product (Sku, Title, Category, ListPrice) VALUES
  ('WC-120', N'HD webcam', N'Video', 59.95),
  ('HS-330', N'Noise-cancelling headset', N'Audio', 149.00),
  ('HD-050', N'USB-C hub, 7 ports', N'Accessories', 39.99),
  ('MS-220', N'Wireless mouse', N'Peripherals', 24.50),
  ('SD-512', N'SSD 512 GB', N'Storage', 64.80),
  ('KB-101', N'Mechanical keyboard', N'Peripherals', 89.90),
  ('CB-010', N'HDMI cable 2 m', N'Accessories', 7.25),
  ('MN-270', N'27-inch monitor', N'Displays', 279.00);

INSERT INTO sales.SalesOrder (Id, OrderDate, CustomerId)
SELECT v.Id, CAST(v.OrderDate AS date), c.Id
FROM (VALUES
  (1001, '2024-03-01', N'amara@example.ng'),
  (1002, '2024-03-01', N'amara@example.ng'),
  (1003, '2024-03-01', N'lucia@example.es'),
  (1004, '2024-03-02', N'tom.baker@example.co.uk'),
  (1005, '2024-03-03', N'ada@example.com'),
  (1006, '2024-03-03', N'tom.baker@example.co.uk'),
  (1007, '2024-03-03', N'ingrid@example.no'),
  (1008, '2024-03-04', N'ravi.iyer@example.in'),
  (1009, '2024-03-05', N'grace@example.com'),
  (1010, '2024-03-05', N'grace@example.com'),
  (1011, '2024-03-07', N'amara@example.ng'),
  (1012, '2024-03-10', N'grace@example.com'),
  (1013, '2024-03-13', N'kenji@example.jp'),
  (1014, '2024-03-13', N'zoe.mueller@example.de'),
  (1015, '2024-03-13', N'sean.obrien@example.ie'),
  (1016, '2024-03-15', N'lucia@example.es'),
  (1017, '2024-03-16', N'zoe.mueller@example.de'),
  (1018, '2024-03-17', N'kenji@example.jp')
) AS v (Id, OrderDate, Email)
JOIN sales.Customer AS c ON c.Email = v.Email;

INSERT INTO sales.SalesOrderLine (SalesOrderId, ProductId, Quantity, UnitPrice)
SELECT v.OrderId, p.Id, v.Quantity, p.ListPrice
FROM (VALUES
  (1001, 'WC-120', 1),
  (1001, 'HS-330', 1),
  (1002, 'HD-050', 1),
  (1003, 'MS-220', 4),
  (1003, 'SD-512', 1),
  (1003, 'KB-101', 5),
  (1003, 'CB-010', 1),
  (1004, 'WC-120', 1),
  (1005, 'CB-010', 2),
  (1005, 'HD-050', 5),
  (1006, 'MN-270', 5),
  (1006, 'KB-101', 2),
  (1006, 'CB-010', 3),
  (1007, 'KB-101', 5),
  (1008, 'HS-330', 3),
  (1008, 'HD-050', 3),
  (1008, 'CB-010', 2),
  (1008, 'WC-120', 2),
  (1009, 'SD-512', 4),
  (1009, 'MN-270', 3),
  (1009, 'HS-330', 5),
  (1010, 'MN-270', 4),
  (1010, 'WC-120', 4),
  (1010, 'SD-512', 1),
  (1010, 'MS-220', 1),
  (1011, 'SD-512', 1),
  (1011, 'CB-010', 1),
  (1011, 'HD-050', 3),
  (1012, 'CB-010', 5),
  (1013, 'HS-330', 2),
  (1013, 'KB-101', 5),
  (1013, 'HD-050', 1),
  (1013, 'MN-270', 4),
  (1014, 'MN-270', 4),
  (1014, 'HS-330', 4),
  (1014, 'MS-220', 4),
  (1015, 'WC-120', 4),
  (1015, 'CB-010', 5),
  (1015, 'MN-270', 3),
  (1015, 'MS-220', 4),
  (1016, 'MN-270', 2),
  (1016, 'KB-101', 2),
  (1017, 'SD-512', 5),
  (1018, 'KB-101', 5),
  (1018, 'MS-220', 3),
  (1018, 'HD-050', 5)
) AS v (OrderId, Sku, Quantity)
JOIN sales.Product AS p ON p.Sku = v.Sku;
